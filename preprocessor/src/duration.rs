//! Durations as people write them in configuration: `500ms`, `10s`, `2m`.

use std::time::Duration;

/// A duration that could not be read, with the text as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DurationError {
    #[error("expected a duration such as \"30s\" or \"500ms\", found {0:?}")]
    NoNumber(String),
    #[error(
        "expected a duration such as \"30s\" or \"500ms\", found {text:?} (unknown unit {unit:?}; use ms, s or m)"
    )]
    UnknownUnit { text: String, unit: String },
}

/// Parses a whole number followed by `ms`, `s` or `m`.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let Ok(number) = number.parse::<u64>() else {
        return Err(DurationError::NoNumber(text.to_string()));
    };
    match unit.trim() {
        "ms" => Ok(Duration::from_millis(number)),
        "s" => Ok(Duration::from_secs(number)),
        "m" => Ok(Duration::from_secs(number * 60)),
        other => Err(DurationError::UnknownUnit {
            text: text.to_string(),
            unit: other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_milliseconds_seconds_and_minutes() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
    }

    #[test]
    fn rejects_a_missing_unit_or_number() {
        assert_eq!(
            parse_duration("10").unwrap_err().to_string(),
            "expected a duration such as \"30s\" or \"500ms\", found \"10\" (unknown unit \"\"; use ms, s or m)"
        );
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("1.5s").is_err());
    }
}
