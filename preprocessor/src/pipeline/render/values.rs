//! `{{#value NAME:KEY}}`: a value the listing printed, put into a sentence as printed,
//! so no number in the prose can go stale. The listing declares the value's pattern
//! (one group); it must match its output exactly once.

use regex::Regex;

use crate::capture::Capture;

/// Why a value is not there to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum ValueError {
    #[error(
        "value `{key}` of listing `{listing}`: its pattern `{pattern}` matches nothing the listing printed"
    )]
    NoMatch {
        listing: String,
        key: String,
        pattern: String,
    },
    #[error(
        "value `{key}` of listing `{listing}`: its pattern `{pattern}` matches {count} times in what the listing printed; make it match once"
    )]
    Ambiguous {
        listing: String,
        key: String,
        pattern: String,
        count: usize,
    },
}

/// The value `pattern`'s group matches in `capture`, searched in each run's stdout and
/// stderr, then the diagnostics.
pub(super) fn value_of(
    listing: &str,
    key: &str,
    pattern: &Regex,
    capture: &Capture,
) -> Result<String, ValueError> {
    let streams = capture
        .runs
        .iter()
        .flat_map(|run| [&run.stdout, &run.stderr])
        .chain([&capture.diagnostics]);
    let found: Vec<String> = streams
        .flat_map(|text| pattern.captures_iter(text))
        .filter_map(|captures| Some(captures.get(1)?.as_str().to_string()))
        .collect();
    let describe = || {
        (
            listing.to_string(),
            key.to_string(),
            pattern.as_str().to_string(),
        )
    };
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => {
            let (listing, key, pattern) = describe();
            Err(ValueError::NoMatch {
                listing,
                key,
                pattern,
            })
        }
        many => {
            let (listing, key, pattern) = describe();
            Err(ValueError::Ambiguous {
                listing,
                key,
                pattern,
                count: many.len(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::Outcome;

    #[test]
    fn a_value_is_found_once_or_the_error_says_why() {
        let capture = Capture::fixture(Outcome::SUCCESS)
            .printing("fetched 100 in 1.02 s\npeak in flight: 10\n", "");
        let pattern = |p: &str| Regex::new(p).unwrap();
        assert_eq!(
            value_of("ex1", "peak", &pattern(r"peak in flight: (\d+)"), &capture).unwrap(),
            "10"
        );
        assert_eq!(
            value_of("ex1", "n", &pattern(r"(\d+)"), &capture)
                .unwrap_err()
                .to_string(),
            r"value `n` of listing `ex1`: its pattern `(\d+)` matches 4 times in what the listing printed; make it match once"
        );
        assert!(matches!(
            value_of("ex1", "x", &pattern(r"never (\d+)"), &capture),
            Err(ValueError::NoMatch { .. })
        ));
    }
}
