//! The assessment asked for at the end of a turn: for each counterpart, either the number of the
//! likeliest intent (the console's quick pick: 70%, the rest shared out) or a percentage for each
//! listed intent, in the order listed ("60 30 10"). The draft takes the assessments only once
//! every counterpart is answered, so Back leaves it as it was.

use super::{BACK_ITEM, Plain, Stop};
use crate::engine::orders::Assessment;
use crate::engine::{Orders, SeatView};
use crate::ids::{ActorIx, IntentIx};
use crate::report::words::trim_num;
use crate::tui::console::AssessRow;
use crate::tui::model::{self, pc};
use crate::tui::setup::quick;
use std::io::{BufRead, Write};

/// How far from 100 a list of percentages may add up and still be taken (scaled to 100), so
/// that "33 33 33" means a third each.
const SLACK: f64 = 1.0;

/// Records the seat's assessments of every counterpart worth assessing, or none if the player
/// skips; `Ok` when the turn may end.
pub(super) fn end_turn<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &mut Orders,
) -> Result<(), Stop> {
    let who = model::assessable(view);
    if who.is_empty() {
        orders.assessments.clear();
        return Ok(());
    }
    let j = p.pick(
        "Record what you believe each counterpart intends? The debrief scores it.",
        &["record assessments".into(), "skip".into()],
    )?;
    let mut made = Vec::new();
    if j == 0 {
        for a in who {
            if let Some(x) = ask_one(p, view, a)? {
                made.push(x);
            }
        }
    }
    if made.is_empty() {
        p.say("No assessment recorded this turn.")?;
    }
    for x in &made {
        p.say(&format!("Assessment recorded: {}.", describe(view, x)))?;
    }
    orders.assessments = made;
    Ok(())
}

/// "Borealis: Security-seeker 60%, Opportunist 30%, Revisionist 10%".
fn describe(view: SeatView<'_>, x: &Assessment) -> String {
    let sc = view.scenario();
    let parts: Vec<String> = model::hypotheses(sc, x.of)
        .iter()
        .map(|h| format!("{} {}", sc.intents[h.ix()].name, pc(x.probs[h.ix()])))
        .collect();
    format!("{}: {}", sc.actor(x.of).name, parts.join(", "))
}

/// One counterpart's assessment: `None` when the player skips it.
fn ask_one<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    a: ActorIx,
) -> Result<Option<Assessment>, Stop> {
    let sc = view.scenario();
    let hyp = model::hypotheses(sc, a);
    let name = &sc.actor(a).name;
    p.say(&format!("What does {name} intend?"))?;
    p.say(BACK_ITEM)?;
    let mut items: Vec<String> = hyp
        .iter()
        .map(|h| {
            let i = &sc.intents[h.ix()];
            format!("{}: {}", i.name, i.description)
        })
        .collect();
    items.push(format!("skip: no assessment of {name} this turn"));
    p.list(&items)?;
    if let Some((intent, pr)) = model::counterparts(view)
        .into_iter()
        .find(|c| c.actor == a)
        .and_then(|c| c.assessed)
    {
        p.say(&format!(
            "Your last assessment of {name}: {intent} {}.",
            pc(pr)
        ))?;
    }
    let n = hyp.len();
    if n > 1 {
        p.say(&format!(
            "Type the number of the likeliest intent (it gets 70%, the others share the rest), or a percentage for each of the {n} intents in the order listed, adding up to 100 (for example {}).",
            example(n)
        ))?;
    }
    let prompt = if n > 1 {
        format!(
            "Choose 1-{}, or type {n} percentages, or 0 to go back:",
            n + 1
        )
    } else {
        super::pick_prompt(n + 1)
    };
    let row = AssessRow {
        actor: a,
        hypotheses: hyp,
        probs: None,
    };
    loop {
        let line = p.line(&prompt)?;
        match read(&line, n) {
            Entry::Back => return Err(Stop::Back),
            Entry::Likeliest(k) => {
                let probs = quick(&row, sc.intents.len(), k);
                return Ok(Some(Assessment { of: a, probs }));
            }
            Entry::Skip => return Ok(None),
            Entry::Shares(shares) => {
                return Ok(Some(Assessment {
                    of: a,
                    probs: spread(&row.hypotheses, &shares, sc.intents.len()),
                }));
            }
            Entry::Refused(why) => p.say(&format!("{why} Please try again."))?,
        }
    }
}

/// A list of `n` percentages adding up to 100, to show the format: tens after the first, or an
/// even split when there are too many intents for tens.
fn example(n: usize) -> String {
    let n = n.max(1) as u64;
    let each = if n <= 10 { 10 } else { 100 / n };
    let first = 100 - each * (n - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(each, n as usize - 1))
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The probabilities of the listed hypotheses placed at their intents; every other intent 0.
fn spread(hyp: &[IntentIx], shares: &[f64], intents: usize) -> Vec<f64> {
    let mut probs = vec![0.0; intents];
    for (h, s) in hyp.iter().zip(shares) {
        probs[h.ix()] = *s;
    }
    probs
}

/// What a line typed at an assessment means.
#[derive(Clone, Debug, PartialEq)]
enum Entry {
    Back,
    /// The index of the likeliest hypothesis.
    Likeliest(usize),
    Skip,
    /// A probability per hypothesis, in the listed order, summing to 1.
    Shares(Vec<f64>),
    /// The line means nothing here: why, in a sentence.
    Refused(String),
}

/// Reads a line against `n` listed hypotheses (numbered 1 to `n`, then skip as `n + 1`): one
/// number is a choice from the list, several are percentages.
fn read(line: &str, n: usize) -> Entry {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => Entry::Refused("Please type one of the numbers.".into()),
        [one] => match one.parse::<usize>() {
            Ok(0) => Entry::Back,
            Ok(k) if k <= n => Entry::Likeliest(k - 1),
            Ok(k) if k == n + 1 => Entry::Skip,
            _ if n > 1 => Entry::Refused(format!(
                "“{one}” is not one of the numbers 0 to {}; percentages take one number for each intent.",
                n + 1
            )),
            _ => Entry::Refused(format!("“{one}” is not one of the numbers 0 to {}.", n + 1)),
        },
        many => match shares(many, n) {
            Ok(s) => Entry::Shares(s),
            Err(why) => Entry::Refused(why),
        },
    }
}

/// Percentages, one per hypothesis, as probabilities summing to exactly 1; or why not.
fn shares(words: &[&str], n: usize) -> Result<Vec<f64>, String> {
    if n == 1 {
        return Err("Only one intent is listed: type 1 to record it, or 2 to skip.".into());
    }
    if words.len() != n {
        return Err(format!(
            "You gave {} numbers for {n} intents: give one percentage per intent, in the order listed.",
            words.len()
        ));
    }
    let mut values = Vec::with_capacity(n);
    for w in words {
        let v = w
            .strip_suffix('%')
            .unwrap_or(w)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("“{w}” is not a percentage."))?;
        if !(0.0..=100.0).contains(&v) {
            return Err(format!("“{w}” is not between 0 and 100."));
        }
        values.push(v);
    }
    let sum: f64 = values.iter().sum();
    if (sum - 100.0).abs() > SLACK {
        return Err(format!(
            "These add up to {}, not 100.",
            trim_num((sum * 10.0).round() / 10.0)
        ));
    }
    Ok(values.iter().map(|v| v / sum).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_assessment_reads_a_choice_or_percentages() {
        assert_eq!(read("0", 3), Entry::Back);
        assert_eq!(read("2", 3), Entry::Likeliest(1));
        assert_eq!(read(" 4 ", 3), Entry::Skip);
        assert_eq!(read("60 30 10", 3), Entry::Shares(vec![0.6, 0.3, 0.1]));
        assert_eq!(read("60%, 30%, 10%", 3), Entry::Shares(vec![0.6, 0.3, 0.1]));
        let Entry::Shares(third) = read("33 33 33", 3) else {
            panic!("a third each is taken");
        };
        assert!((third.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn plain_assessment_refuses_with_the_reason() {
        let why = |line: &str| match read(line, 3) {
            Entry::Refused(w) => w,
            other => panic!("{line:?} was taken as {other:?}"),
        };
        assert!(why("60 30").contains("2 numbers for 3 intents"));
        assert!(why("50 30 10").contains("add up to 90, not 100"));
        assert!(why("0.6 0.3 0.1").contains("add up to 1, not 100"));
        assert!(why("120 -10 -10").contains("not between 0 and 100"));
        assert!(why("nan 50 50").contains("not a percentage"));
        assert!(why("inf 0 0").contains("not a percentage"));
        assert!(why("5").contains("not one of the numbers 0 to 4"));
        assert!(why("").contains("type one of the numbers"));
        assert!(matches!(read("50 50", 1), Entry::Refused(_)));
    }

    #[test]
    fn plain_assessment_example_adds_up_to_100() {
        for n in 1..40 {
            let words: Vec<u64> = example(n).split(' ').map(|w| w.parse().unwrap()).collect();
            assert_eq!(words.len(), n);
            assert_eq!(words.iter().sum::<u64>(), 100, "{n}: {}", example(n));
        }
        assert_eq!(example(3), "80 10 10");
    }
}
