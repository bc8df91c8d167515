//! `{name}` placeholders in catalogue sentences.
//!
//! Deliberately tiny: a placeholder is `{` + lowercase name + `}`; anything
//! else is text. The loader checks every placeholder against the names the
//! message may use, so a typo is caught at start, not shown to a runner.

/// The placeholder names in `text`, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => {
                names.push(after);
                break;
            }
        }
    }
    names
}

/// Fills `{name}` placeholders from `vars`; unknown ones are left as written.
pub fn render(text: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_and_keeps_unknown() {
        assert_eq!(
            render("Logged {run}, {x}.", &[("run", "20 km")]),
            "Logged 20 km, {x}."
        );
        assert_eq!(placeholders("a {b} c {d"), vec!["b", "d"]);
    }
}
