//! "Did you mean …?": the nearest known name to a misspelt one, by edit distance. Used by the
//! parser for keywords, fields and units and by the check for kinds, countries and precisions.

/// The optimal-string-alignment distance between `a` and `b`, ignoring ASCII case: insertions,
/// deletions, substitutions and swaps of neighbours each cost one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    // Three rows of the dynamic-programming table: two back for swaps, one back, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca) {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Whether a name `distance` edits away from a word of `len` chars is close enough to suggest:
/// one edit for short words, more for long ones, never a whole rewrite.
fn close_enough(distance: usize, len: usize) -> bool {
    distance > 0 && distance <= (len / 3).max(1) && distance < len
}

/// The candidate nearest to `word`, if one is close enough to be a likely typo.
/// Ties go to the earlier candidate, so callers list the likelier names first.
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let len = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(word, candidate);
        if close_enough(distance, len) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(edit_distance("contry", "country"), 1);
        assert_eq!(edit_distance("wher", "WHERE"), 1);
        assert_eq!(edit_distance("kidnap", "kidnpa"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("battle", "battle"), 0);
        assert_eq!(edit_distance("ä", "a"), 1);
    }

    #[test]
    fn nearest_suggests_only_plausible_typos() {
        let fields = ["date", "country", "kind", "killed"];
        assert_eq!(nearest("contry", fields), Some("country"));
        assert_eq!(nearest("kiled", fields), Some("killed"));
        assert_eq!(nearest("xyz", fields), None);
        assert_eq!(
            nearest("date", fields),
            None,
            "an exact match needs no hint"
        );
        assert_eq!(nearest("", fields), None);
    }
}
