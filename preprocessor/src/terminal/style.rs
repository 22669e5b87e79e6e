//! How a stretch of terminal text looks (colours, bold, ...), and the short text form
//! a snapshot keeps it in: `3:1-6 bold fg=red` (line 3, columns 1 to 6).

use std::fmt;
use std::str::FromStr;

/// A terminal colour: one of the 16 named ones, an entry of the 256-colour table, or
/// RGB. Pages show each as the nearest of the 16, whose shades every theme defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Color {
    Named(u8),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

const NAMES: [&str; 8] = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
];

/// The usual RGB of the 16 named colours (xterm's), for finding the nearest one.
const NAMED_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

impl Color {
    /// The named colour (0-15) a page shows for this one.
    pub(crate) fn nearest_named(self) -> u8 {
        let (r, g, b) = match self {
            Color::Named(n) => return n,
            Color::Indexed(n) if n < 16 => return n,
            Color::Indexed(n) if n >= 232 => {
                let level = 8 + 10 * (n - 232);
                (level, level, level)
            }
            Color::Indexed(n) => {
                let cube = n - 16;
                let step = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                (step(cube / 36), step((cube / 6) % 6), step(cube % 6))
            }
            Color::Rgb(r, g, b) => (r, g, b),
        };
        let distance = |(cr, cg, cb): (u8, u8, u8)| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
            d(r, cr) + d(g, cg) + d(b, cb)
        };
        (0..16u8)
            .min_by_key(|&n| distance(NAMED_RGB[usize::from(n)]))
            .expect("16 colours")
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Color::Named(n) if n < 8 => write!(f, "{}", NAMES[usize::from(n)]),
            Color::Named(n) => write!(f, "bright-{}", NAMES[usize::from(n - 8)]),
            Color::Indexed(n) => write!(f, "256:{n}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

impl FromStr for Color {
    type Err = String;

    fn from_str(text: &str) -> Result<Color, String> {
        let bad = || format!("unknown colour {text:?}");
        if let Some(hex) = text.strip_prefix('#') {
            let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2).unwrap_or("x"), 16);
            return match (hex.len(), channel(0), channel(2), channel(4)) {
                (6, Ok(r), Ok(g), Ok(b)) => Ok(Color::Rgb(r, g, b)),
                _ => Err(bad()),
            };
        }
        if let Some(index) = text.strip_prefix("256:") {
            return index.parse().map(Color::Indexed).map_err(|_| bad());
        }
        let (bright, name) = match text.strip_prefix("bright-") {
            Some(name) => (8, name),
            None => (0, text),
        };
        let position = NAMES
            .iter()
            .position(|known| *known == name)
            .ok_or_else(bad)?;
        Ok(Color::Named(bright + position as u8))
    }
}

/// The look of a stretch of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Style {
    pub(crate) fg: Option<Color>,
    pub(crate) bg: Option<Color>,
    pub(crate) bold: bool,
    pub(crate) dim: bool,
    pub(crate) italic: bool,
    pub(crate) underline: bool,
    pub(crate) inverse: bool,
    pub(crate) strike: bool,
}

impl Style {
    pub(crate) fn is_plain(&self) -> bool {
        *self == Style::default()
    }

    fn flags(&self) -> [(bool, &'static str); 6] {
        [
            (self.bold, "bold"),
            (self.dim, "dim"),
            (self.italic, "italic"),
            (self.underline, "underline"),
            (self.inverse, "inverse"),
            (self.strike, "strike"),
        ]
    }

    /// The CSS classes a page gives this style.
    pub(crate) fn classes(&self) -> Vec<String> {
        let mut classes: Vec<String> = self
            .flags()
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| format!("ansi-{name}"))
            .collect();
        if let Some(fg) = self.fg {
            classes.push(format!("ansi-fg-{}", fg.nearest_named()));
        }
        if let Some(bg) = self.bg {
            classes.push(format!("ansi-bg-{}", bg.nearest_named()));
        }
        classes
    }
}

/// A styled stretch of one line: 1-based line, 1-based columns (characters), end
/// exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) line: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) style: Style,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}-{}", self.line, self.start, self.end)?;
        for (on, name) in self.style.flags() {
            if on {
                write!(f, " {name}")?;
            }
        }
        if let Some(fg) = self.style.fg {
            write!(f, " fg={fg}")?;
        }
        if let Some(bg) = self.style.bg {
            write!(f, " bg={bg}")?;
        }
        Ok(())
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Span, String> {
        let bad = || format!("not a styled span: {text:?} (expected `LINE:START-END STYLE...`)");
        let mut words = text.split_whitespace();
        let place = words.next().ok_or_else(bad)?;
        let (line, columns) = place.split_once(':').ok_or_else(bad)?;
        let (start, end) = columns.split_once('-').ok_or_else(bad)?;
        let number = |n: &str| n.parse::<usize>().map_err(|_| bad());
        let mut style = Style::default();
        for word in words {
            match word {
                "bold" => style.bold = true,
                "dim" => style.dim = true,
                "italic" => style.italic = true,
                "underline" => style.underline = true,
                "inverse" => style.inverse = true,
                "strike" => style.strike = true,
                _ => match word.split_once('=') {
                    Some(("fg", color)) => style.fg = Some(color.parse()?),
                    Some(("bg", color)) => style.bg = Some(color.parse()?),
                    _ => return Err(bad()),
                },
            }
        }
        Ok(Span {
            line: number(line)?,
            start: number(start)?,
            end: number(end)?,
            style,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_back_as_written() {
        for text in [
            "3:1-6 bold fg=red",
            "1:4-9 underline fg=bright-blue bg=#102030",
            "12:2-3 fg=256:208",
        ] {
            assert_eq!(text.parse::<Span>().unwrap().to_string(), text);
        }
        assert!("3:1 bold".parse::<Span>().is_err());
        assert!("3:1-2 fg=purple".parse::<Span>().is_err());
    }

    #[test]
    fn every_colour_is_shown_as_the_nearest_of_the_sixteen() {
        assert_eq!(Color::Named(9).nearest_named(), 9);
        assert_eq!(Color::Indexed(196).nearest_named(), 9); // 256-colour bright red
        assert_eq!(Color::Indexed(244).nearest_named(), 8); // a middle grey
        assert_eq!(Color::Rgb(0, 10, 230).nearest_named(), 4);
    }
}
