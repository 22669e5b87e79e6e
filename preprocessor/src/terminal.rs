//! Output as a terminal shows it. A listing (or rustc) may print ANSI escapes for colour,
//! rewrite a line with `\r` (a progress bar), move the cursor or print other control
//! bytes; a page must show none of them raw. The text is played through a small terminal
//! ([`vte`] parses the escapes): what remains is the plain text a terminal would show,
//! each line in its final state, and the styled stretches of it ([`style`]). Control
//! characters with no effect on the text are shown as their visible symbols (`␇`).
//! Malformed or unknown sequences are dropped.

pub(crate) mod style;

use style::{Color, Span, Style};

/// Text as shown, and how it is styled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    pub(crate) text: String,
    pub(crate) spans: Vec<Span>,
}

/// Plays `raw` through a terminal.
pub(crate) fn interpret(raw: &str) -> Shown {
    let needs_a_terminal = raw
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f);
    if !needs_a_terminal {
        return Shown {
            text: raw.to_string(),
            spans: Vec::new(),
        };
    }
    let mut screen = Screen::default();
    vte::Parser::new().advance(&mut screen, raw.as_bytes());
    screen.shown()
}

/// The lines written so far, the cursor and the style being written in.
#[derive(Default)]
struct Screen {
    rows: Vec<Vec<(char, Style)>>,
    row: usize,
    column: usize,
    style: Style,
}

impl Screen {
    fn put(&mut self, c: char) {
        while self.rows.len() <= self.row {
            self.rows.push(Vec::new());
        }
        let row = &mut self.rows[self.row];
        while row.len() < self.column {
            row.push((' ', Style::default()));
        }
        if self.column < row.len() {
            row[self.column] = (c, self.style);
        } else {
            row.push((c, self.style));
        }
        self.column += 1;
    }

    fn erase_in_line(&mut self, mode: u16) {
        let Some(row) = self.rows.get_mut(self.row) else {
            return;
        };
        match mode {
            0 => row.truncate(self.column),
            1 => {
                for cell in row.iter_mut().take(self.column + 1) {
                    *cell = (' ', Style::default());
                }
            }
            _ => row.clear(),
        }
    }

    fn shown(self) -> Shown {
        let mut text = String::new();
        let mut spans = Vec::new();
        let rows = self.rows.len().max(self.row + 1);
        for index in 0..rows {
            if index > 0 {
                text.push('\n');
            }
            let row = self.rows.get(index).map(Vec::as_slice).unwrap_or_default();
            text.extend(row.iter().map(|(c, _)| c));
            spans.extend(spans_of(index + 1, row));
        }
        Shown { text, spans }
    }

    fn sgr(&mut self, params: &vte::Params) {
        let mut values = params.iter().flat_map(|sub| sub.iter().copied());
        let mut any = false;
        while let Some(code) = values.next() {
            any = true;
            let style = &mut self.style;
            match code {
                0 => *style = Style::default(),
                1 => style.bold = true,
                2 => style.dim = true,
                3 => style.italic = true,
                4 => style.underline = true,
                7 => style.inverse = true,
                9 => style.strike = true,
                21 | 22 => (style.bold, style.dim) = (false, false),
                23 => style.italic = false,
                24 => style.underline = false,
                27 => style.inverse = false,
                29 => style.strike = false,
                30..=37 => style.fg = Some(Color::Named((code - 30) as u8)),
                39 => style.fg = None,
                40..=47 => style.bg = Some(Color::Named((code - 40) as u8)),
                49 => style.bg = None,
                90..=97 => style.fg = Some(Color::Named((code - 90 + 8) as u8)),
                100..=107 => style.bg = Some(Color::Named((code - 100 + 8) as u8)),
                38 => style.fg = extended_color(&mut values),
                48 => style.bg = extended_color(&mut values),
                _ => {}
            }
        }
        if !any {
            self.style = Style::default(); // `ESC[m`
        }
    }
}

/// `5;N` (256 colours) or `2;R;G;B`, after a 38 or 48.
fn extended_color(values: &mut impl Iterator<Item = u16>) -> Option<Color> {
    let byte = |v: Option<u16>| v.and_then(|v| u8::try_from(v).ok());
    match values.next() {
        Some(5) => byte(values.next()).map(Color::Indexed),
        Some(2) => {
            let (r, g, b) = (
                byte(values.next()),
                byte(values.next()),
                byte(values.next()),
            );
            Some(Color::Rgb(r?, g?, b?))
        }
        _ => None,
    }
}

/// The styled stretches of one line, each as long as the style stays the same.
fn spans_of(line: usize, row: &[(char, Style)]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (column, (_, style)) in row.iter().enumerate() {
        if style.is_plain() {
            continue;
        }
        match spans.last_mut() {
            Some(last) if last.style == *style && last.end == column + 1 => last.end += 1,
            _ => spans.push(Span {
                line,
                start: column + 1,
                end: column + 2,
                style: *style,
            }),
        }
    }
    spans
}

impl vte::Perform for Screen {
    fn print(&mut self, c: char) {
        match c {
            '\u{7f}' => self.put('\u{2421}'),
            c if c.is_control() => self.put('\u{FFFD}'),
            c => self.put(c),
        }
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\n' => {
                self.row += 1;
                self.column = 0;
            }
            b'\r' => self.column = 0,
            b'\t' => self.put('\t'),
            0x08 => self.column = self.column.saturating_sub(1),
            0x7f => self.put('\u{2421}'),
            control => self.put(char::from_u32(0x2400 + u32::from(control)).unwrap_or('\u{FFFD}')),
        }
    }

    fn csi_dispatch(&mut self, params: &vte::Params, _: &[u8], _: bool, action: char) {
        let first = params
            .iter()
            .next()
            .and_then(|p| p.first().copied())
            .unwrap_or(0);
        let count = usize::from(first.max(1));
        match action {
            'm' => self.sgr(params),
            'K' => self.erase_in_line(first),
            'A' => self.row = self.row.saturating_sub(count),
            'B' => self.row += count,
            'C' => self.column += count,
            'D' => self.column = self.column.saturating_sub(count),
            'E' => (self.row, self.column) = (self.row + count, 0),
            'F' => (self.row, self.column) = (self.row.saturating_sub(count), 0),
            'G' => self.column = count - 1,
            'H' | 'f' => {
                let mut values = params.iter().map(|p| p.first().copied().unwrap_or(1));
                self.row = usize::from(values.next().unwrap_or(1).max(1)) - 1;
                self.column = usize::from(values.next().unwrap_or(1).max(1)) - 1;
            }
            _ => {} // anything else (scroll regions, modes) changes no text
        }
    }
}

#[cfg(test)]
mod tests;
