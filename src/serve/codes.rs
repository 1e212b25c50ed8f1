//! Join codes: the ssh user name a trainee types, which picks their table and seat. Short and
//! pronounceable so they can be read out in a classroom, random enough (about 36 bits) that
//! guessing one, at the server's pace for wrong codes, would take far longer than a workshop.

use rand::RngExt;
use std::collections::BTreeMap;
use std::fmt;

const CONSONANTS: &[u8] = b"bdfgkmnprstvz";
const VOWELS: &[u8] = b"aeiou";
/// Syllables per code: three pairs of two, as in `kavo-mire-tuzo`.
const SYLLABLES: usize = 6;
/// The shortest and longest code accepted from the command line or a workshop file: a short
/// code is guessed in minutes.
pub const MIN_CODE: usize = 4;
pub const MAX_CODE: usize = 32;

/// A join code, checked when made: lower-case letters, digits and inner hyphens, at most
/// `MAX_CODE` long, so it is a valid ssh user name and safe in a file.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Code(String);

impl Code {
    /// A new random code.
    pub fn generate(rng: &mut impl rand::Rng) -> Code {
        let mut s = String::new();
        for i in 0..SYLLABLES {
            if i > 0 && i % 2 == 0 {
                s.push('-');
            }
            s.push(CONSONANTS[rng.random_range(0..CONSONANTS.len())] as char);
            s.push(VOWELS[rng.random_range(0..VOWELS.len())] as char);
        }
        Code(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Code {
    type Error = String;
    fn try_from(s: String) -> Result<Code, String> {
        let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if s.len() < MIN_CODE || s.len() > MAX_CODE {
            return Err(format!(
                "a join code has {MIN_CODE} to {MAX_CODE} characters; \"{}\" has {}",
                s.chars().take(MAX_CODE).collect::<String>(),
                s.chars().count()
            ));
        }
        if !s.chars().all(ok_char) || s.starts_with('-') || s.ends_with('-') {
            return Err(format!(
                "a join code is lower-case letters, digits and inner hyphens (it is an ssh user name), for example \"kavo-mire\"; \"{s}\" is not"
            ));
        }
        Ok(Code(s))
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.0
    }
}

impl std::str::FromStr for Code {
    type Err = String;
    fn from_str(s: &str) -> Result<Code, String> {
        Code::try_from(s.to_owned())
    }
}

/// Who a code lets in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A trainee (or a team) at a seat: table number (from 0) and actor.
    Seat {
        table: usize,
        actor: crate::ids::ActorIx,
    },
    Facilitator,
}

/// Every code of a workshop and whom it admits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Codes(BTreeMap<Code, Role>);

impl Codes {
    pub fn role(&self, user: &str) -> Option<Role> {
        self.0
            .iter()
            .find(|(c, _)| c.as_str() == user)
            .map(|(_, r)| *r)
    }

    /// Gives `role` the code `code`. A code already in use for another role is refused.
    pub fn insert(&mut self, code: Code, role: Role) -> Result<(), String> {
        match self.0.get(&code) {
            Some(r) if *r != role => Err(format!("the join code \"{code}\" is given twice")),
            _ => {
                self.0.insert(code, role);
                Ok(())
            }
        }
    }

    /// A fresh code no other role has.
    pub fn fresh(&self, rng: &mut impl rand::Rng) -> Code {
        loop {
            let c = Code::generate(rng);
            if !self.0.contains_key(&c) {
                return c;
            }
        }
    }

    pub fn code_of(&self, role: Role) -> Option<&Code> {
        self.0.iter().find(|(_, r)| **r == role).map(|(c, _)| c)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Code, Role)> {
        self.0.iter().map(|(c, r)| (c, *r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_codes_are_pronounceable_valid_and_distinct() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let mut codes = Codes::default();
        for _ in 0..200 {
            let c = codes.fresh(&mut rng);
            assert_eq!(c.as_str().len(), 14, "{c}");
            assert!(Code::try_from(c.to_string()).is_ok());
            codes.insert(c, Role::Facilitator).unwrap();
        }
        assert_eq!(codes.iter().count(), 200);
    }

    #[test]
    fn codes_that_are_no_user_name_are_refused_with_an_example() {
        for bad in ["", "ab1", "Kavo", "a b", "../x", "-ab", &"a".repeat(40)] {
            let err = Code::try_from(bad.to_owned()).unwrap_err();
            assert!(err.contains("join code"), "{bad}: {err}");
        }
        assert!("table-1".parse::<Code>().is_ok());
    }

    #[test]
    fn one_code_admits_one_role() {
        let mut codes = Codes::default();
        let c: Code = "kavo".parse().unwrap();
        codes.insert(c.clone(), Role::Facilitator).unwrap();
        let seat = Role::Seat {
            table: 0,
            actor: crate::ids::ActorIx(0),
        };
        assert!(codes.insert(c, seat).is_err());
        assert_eq!(codes.role("kavo"), Some(Role::Facilitator));
        assert_eq!(codes.role("nope"), None);
    }
}
