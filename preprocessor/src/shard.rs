//! `check --shard K/N`: which listings shard K of N runs. Every shard computes the
//! same assignment from the same inputs (the workspace's listings and the run log), so
//! the N shards together take every listing exactly once.
//!
//! Listings that must be built together (one depends on another's crate by path) form
//! one group and go to one shard. Groups are dealt out greedily, longest first (by the
//! run log's last time of each listing; a listing it does not know weighs the mean of
//! those it knows, or 1 when it knows none, which balances by count), each to the
//! shard with the least so far; ties go by name and to the lower shard.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count`, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    pub(crate) index: usize,
    pub(crate) count: usize,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let expected = "expected K/N, shard K of N with 1 <= K <= N (e.g. 2/4)";
        let Some((index, count)) = text.split_once('/') else {
            return Err(format!("no `/` in `{text}`: {expected}"));
        };
        let number = |part: &str, what: &str| {
            part.trim()
                .parse::<usize>()
                .map_err(|_| format!("{what} `{part}` is not a whole number: {expected}"))
        };
        let (index, count) = (number(index, "K")?, number(count, "N")?);
        if count == 0 {
            return Err(format!("N is 0, there is no shard to run: {expected}"));
        }
        if index == 0 || index > count {
            return Err(format!("there is no shard {index} of {count}: {expected}"));
        }
        Ok(Shard { index, count })
    }
}

/// Listings to share out: each one's weight (seconds, if known) and the listings it
/// must stay with.
pub(crate) struct Work<'a> {
    pub(crate) weights: BTreeMap<&'a str, Option<f64>>,
    /// Pairs of listings that must go to the same shard.
    pub(crate) together: Vec<(&'a str, &'a str)>,
}

impl<'a> Work<'a> {
    /// The listings of `self` shard `shard` takes.
    pub(crate) fn select(&self, shard: Shard) -> BTreeSet<&'a str> {
        let mut assignment = self.assign(shard.count);
        std::mem::take(&mut assignment[shard.index - 1])
    }

    /// Every shard's listings, `count` of them.
    pub(crate) fn assign(&self, count: usize) -> Vec<BTreeSet<&'a str>> {
        let known: Vec<f64> = self.weights.values().flatten().copied().collect();
        let unknown = if known.is_empty() {
            1.0
        } else {
            known.iter().sum::<f64>() / known.len() as f64
        };
        let mut groups: Vec<(f64, BTreeSet<&'a str>)> = self
            .groups()
            .into_iter()
            .map(|names| {
                let weight = names
                    .iter()
                    .map(|name| self.weights[name].unwrap_or(unknown))
                    .sum();
                (weight, names)
            })
            .collect();
        groups.sort_by(|(a, a_names), (b, b_names)| {
            b.total_cmp(a)
                .then_with(|| a_names.first().cmp(&b_names.first()))
        });
        let mut shards: Vec<(f64, BTreeSet<&'a str>)> = vec![(0.0, BTreeSet::new()); count];
        for (weight, names) in groups {
            let lightest = (0..count)
                .min_by(|&a, &b| shards[a].0.total_cmp(&shards[b].0).then(a.cmp(&b)))
                .expect("at least one shard");
            shards[lightest].0 += weight;
            shards[lightest].1.extend(names);
        }
        shards.into_iter().map(|(_, names)| names).collect()
    }

    /// The listings, in groups that must stay together (union-find over `together`).
    fn groups(&self) -> Vec<BTreeSet<&'a str>> {
        let names: Vec<&'a str> = self.weights.keys().copied().collect();
        let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut parent: Vec<usize> = (0..names.len()).collect();
        fn root(parent: &mut [usize], mut at: usize) -> usize {
            while parent[at] != at {
                parent[at] = parent[parent[at]];
                at = parent[at];
            }
            at
        }
        for (a, b) in &self.together {
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
                let (a, b) = (root(&mut parent, a), root(&mut parent, b));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut groups: BTreeMap<usize, BTreeSet<&'a str>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            groups.entry(root(&mut parent, i)).or_default().insert(name);
        }
        groups.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work<'a>(weights: &[(&'a str, Option<f64>)], together: &[(&'a str, &'a str)]) -> Work<'a> {
        Work {
            weights: weights.iter().copied().collect(),
            together: together.to_vec(),
        }
    }

    fn names(shards: &[BTreeSet<&str>]) -> Vec<Vec<String>> {
        shards
            .iter()
            .map(|s| s.iter().map(|n| n.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_longest_listings_go_first_each_to_the_lightest_shard() {
        let work = work(
            &[
                ("a", Some(1.0)),
                ("b", Some(8.0)),
                ("c", Some(5.0)),
                ("d", Some(4.0)),
                ("e", Some(2.0)),
            ],
            &[],
        );
        // b (8) -> 1; c (5) -> 2; d (4) -> 2 (5 < 8), now 9; e (2) -> 1, now 10; a -> 2.
        assert_eq!(
            names(&work.assign(2)),
            [vec!["b", "e"], vec!["a", "c", "d"]]
        );
    }

    #[test]
    fn with_no_times_known_the_listings_are_shared_by_count_and_ties_go_by_name() {
        let work = work(
            &[
                ("a", None),
                ("b", None),
                ("c", None),
                ("d", None),
                ("e", None),
            ],
            &[],
        );
        assert_eq!(
            names(&work.assign(3)),
            [vec!["a", "d"], vec!["b", "e"], vec!["c"]]
        );
    }

    #[test]
    fn an_unknown_listing_weighs_the_mean_of_the_known_ones() {
        let work = work(
            &[("new", None), ("big", Some(9.0)), ("small", Some(1.0))],
            &[],
        );
        // big 9 -> 1, new 5 -> 2, small 1 -> 2.
        assert_eq!(names(&work.assign(2)), [vec!["big"], vec!["new", "small"]]);
    }

    #[test]
    fn listings_built_together_stay_in_one_shard_and_every_listing_is_taken_once() {
        let work = work(
            &[
                ("lib", Some(1.0)),
                ("x", Some(1.0)),
                ("uses-lib", Some(1.0)),
                ("y", Some(1.0)),
            ],
            &[("uses-lib", "lib")],
        );
        let shards = work.assign(3);
        assert_eq!(
            names(&shards),
            [vec!["lib", "uses-lib"], vec!["x"], vec!["y"]]
        );
        let selected: Vec<_> = (1..=3)
            .flat_map(|index| work.select(Shard { index, count: 3 }))
            .collect();
        assert_eq!(selected, ["lib", "uses-lib", "x", "y"]);
    }

    #[test]
    fn a_shard_reads_as_k_of_n_and_anything_else_says_what_was_expected() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        let expected = "expected K/N, shard K of N with 1 <= K <= N (e.g. 2/4)";
        let error = |text: &str| text.parse::<Shard>().unwrap_err();
        assert_eq!(
            error("0/4"),
            format!("there is no shard 0 of 4: {expected}")
        );
        assert_eq!(
            error("5/4"),
            format!("there is no shard 5 of 4: {expected}")
        );
        assert_eq!(error("x"), format!("no `/` in `x`: {expected}"));
        assert_eq!(
            error("x/4"),
            format!("K `x` is not a whole number: {expected}")
        );
        assert_eq!(
            error("1/0"),
            format!("N is 0, there is no shard to run: {expected}")
        );
    }
}
