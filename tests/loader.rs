//! Hostile files: arbitrary bytes and mutated valid sessions never make the loader panic, and
//! a refusal of text that does not parse names a line and a column inside the text.

use std::path::Path;

use atelier::store::{self, StoreError};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

fn check(text: &str) -> Result<(), TestCaseError> {
    match store::parse(text, Path::new("x.ron")) {
        Ok(s) => {
            // What loads can be written and read back.
            let again = store::to_text(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(store::parse(&again, Path::new("x.ron")).ok(), Some(s));
        }
        Err(StoreError::Parse { line, col, .. }) => {
            let lines = text.split('\n').count();
            prop_assert!(line >= 1 && line <= lines + 1, "line {} of {}", line, lines);
            prop_assert!(col >= 1, "col {}", col);
        }
        // Newer versions and inconsistent ids are refused by name, not by position.
        Err(StoreError::TooNew { .. } | StoreError::Integrity { .. }) => {}
        Err(e) => return Err(TestCaseError::fail(format!("unexpected {e:?}"))),
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = EXAMPLE.len();
    prop_oneof![
        (0..n, 1usize..40).prop_map(|(a, l)| Mutation::Delete(a, l)),
        (0..n, "[(){}\\[\\],:\"'\\\\a-z0-9 \n#é日]{1,8}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        (0..n, proptest::char::any()).prop_map(|(a, c)| Mutation::Replace(a, c)),
        (0..n).prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut s = text.to_string();
    let at = |i: usize, s: &String| {
        let mut i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Delete(a, l) => {
            let a = at(*a, &s);
            let b = at(a + l, &s);
            s.replace_range(a..b, "");
        }
        Mutation::Insert(a, t) => {
            let a = at(*a, &s);
            s.insert_str(a, t);
        }
        Mutation::Replace(a, c) => {
            let a = at(*a, &s);
            if let Some(old) = s[a..].chars().next() {
                s.replace_range(a..a + old.len_utf8(), &c.to_string());
            }
        }
        Mutation::Truncate(a) => {
            let a = at(*a, &s);
            s.truncate(a);
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check(&text)?;
    }

    #[test]
    fn mutated_sessions_never_panic(ms in proptest::collection::vec(mutation(), 1..4)) {
        let text = ms.iter().fold(EXAMPLE.to_string(), |t, m| apply(&t, m));
        check(&text)?;
    }
}
