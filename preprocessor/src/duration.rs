//! Durations as people write them in configuration: `500ms`, `10s`, `2m`.

use std::time::Duration;

use anyhow::{Result, bail};

/// Parses a whole number followed by `ms`, `s` or `m`.
pub fn parse_duration(text: &str) -> Result<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let Ok(number) = number.parse::<u64>() else {
        bail!("expected a duration such as \"30s\" or \"500ms\", found {text:?}");
    };
    match unit.trim() {
        "ms" => Ok(Duration::from_millis(number)),
        "s" => Ok(Duration::from_secs(number)),
        "m" => Ok(Duration::from_secs(number * 60)),
        other => bail!(
            "expected a duration such as \"30s\" or \"500ms\", found {text:?} (unknown unit {other:?}; use ms, s or m)"
        ),
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
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("1.5s").is_err());
    }
}
