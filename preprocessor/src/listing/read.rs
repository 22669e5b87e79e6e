//! A strict reader of a TOML table as written (with the byte span of every key and
//! value), so that each mistake in `[package.metadata.transcript]` is named where it
//! is: the key, the form that was expected, what was found, and a "did you mean".

use std::cell::RefCell;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One mistake in a listing's metadata, at a byte span of its `Cargo.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct MetaError {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
}

impl MetaError {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> MetaError {
        MetaError {
            span,
            message: message.into(),
        }
    }
}

/// A value as written, with the dotted key it is found under.
#[derive(Clone)]
pub(crate) struct Value<'a, 'i> {
    pub(crate) key: String,
    pub(crate) spanned: &'a Spanned<DeValue<'i>>,
}

/// What a value is, in words: "the integer 5", "the string \"5\"", "a table".
pub(crate) fn described(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => format!("the string {:?}", text.as_ref()),
        DeValue::Integer(number) => format!("the integer {}", number.as_str()),
        DeValue::Float(number) => format!("the number {}", number.as_str()),
        DeValue::Boolean(flag) => format!("`{flag}`"),
        DeValue::Datetime(date) => format!("the date {date}"),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

impl<'a, 'i> Value<'a, 'i> {
    pub(crate) fn span(&self) -> Range<usize> {
        self.spanned.span()
    }

    pub(crate) fn get(&self) -> &'a DeValue<'i> {
        self.spanned.get_ref()
    }

    /// An error at this value: "`key`: expected EXPECTED, found WHAT".
    pub(crate) fn expected(&self, expected: &str) -> MetaError {
        MetaError::new(
            self.span(),
            format!(
                "`{}`: expected {expected}, found {}",
                self.key,
                described(self.get())
            ),
        )
    }

    pub(crate) fn string(&self, expected: &str) -> Result<&'a str, MetaError> {
        self.get().as_str().ok_or_else(|| self.expected(expected))
    }

    pub(crate) fn bool(&self) -> Result<bool, MetaError> {
        self.get()
            .as_bool()
            .ok_or_else(|| self.expected("`true` or `false`"))
    }

    pub(crate) fn integer(&self, expected: &str) -> Result<i64, MetaError> {
        let number = self
            .get()
            .as_integer()
            .ok_or_else(|| self.expected(expected))?;
        i64::from_str_radix(&number.as_str().replace('_', ""), number.radix())
            .map_err(|_| self.expected(expected))
    }

    pub(crate) fn table(&self, expected: &str) -> Result<Table<'a, 'i>, MetaError> {
        let table = self
            .get()
            .as_table()
            .ok_or_else(|| self.expected(expected))?;
        Ok(Table::new(self.key.clone(), table))
    }

    /// The items of an array, each with its own key (`redact[2]`).
    pub(crate) fn array(
        &self,
        expected: &str,
    ) -> Result<Vec<(String, &'a Spanned<DeValue<'i>>)>, MetaError> {
        let items = self
            .get()
            .as_array()
            .ok_or_else(|| self.expected(expected))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(index, item)| (format!("{}[{index}]", self.key), item))
            .collect())
    }
}

/// A table being read: every key it has must be asked for, or [`Table::finish`] names
/// the ones nobody asked for.
pub(crate) struct Table<'a, 'i> {
    name: String,
    table: &'a DeTable<'i>,
    asked: RefCell<Vec<&'static str>>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub(crate) fn new(name: String, table: &'a DeTable<'i>) -> Table<'a, 'i> {
        Table {
            name,
            table,
            asked: RefCell::new(Vec::new()),
        }
    }

    /// The value under `key`, if the table has one.
    pub(crate) fn get(&self, key: &'static str) -> Option<Value<'a, 'i>> {
        self.asked.borrow_mut().push(key);
        let (_, spanned) = self.table.iter().find(|(name, _)| name.get_ref() == key)?;
        let key = if self.name.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.name)
        };
        Some(Value { key, spanned })
    }

    /// Every key, for tables whose keys are names (`anchor-captions`).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'a str, &'a Spanned<DeValue<'i>>)> {
        self.table
            .iter()
            .map(|(name, value)| (name.get_ref().as_ref(), value))
    }

    /// Fails on the first key nobody asked for, suggesting the closest one that was.
    pub(crate) fn finish(self) -> Result<(), MetaError> {
        let asked = self.asked.borrow();
        for (name, _) in self.table.iter() {
            let written = name.get_ref().as_ref();
            if asked.contains(&written) {
                continue;
            }
            let place = if self.name.is_empty() {
                "[package.metadata.transcript]".to_string()
            } else {
                format!("`{}`", self.name)
            };
            let message = match closest(written, &asked) {
                Some(known) => {
                    format!("unknown key `{written}` in {place}: did you mean `{known}`?")
                }
                None => format!(
                    "unknown key `{written}` in {place} (known keys: {})",
                    asked.join(", ")
                ),
            };
            return Err(MetaError::new(name.span(), message));
        }
        Ok(())
    }
}

/// The known word closest to `written`, when it is close enough to be a slip.
pub(crate) fn closest<'k>(written: &str, known: &[&'k str]) -> Option<&'k str> {
    let written = written.to_lowercase().replace('_', "-");
    known
        .iter()
        .map(|known| (strsim::damerau_levenshtein(&written, known), *known))
        .filter(|(distance, known)| *distance <= 2.max(known.len() / 4))
        .min()
        .map(|(_, known)| known)
}
