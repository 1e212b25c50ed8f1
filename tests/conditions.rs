//! The conditions and happenings rules can test, on a game played as a test plan plays it: the
//! posture a seat holds, a measure in force, who truly made an intrusion, whom an action aimed at.

use backchannel::engine::condition_holds;
use backchannel::engine::orders::Measure;
use backchannel::engine::{EventKind, Posture};
use backchannel::scenario::file::ActionKind;
use backchannel::scenario::model::{Cond, Happen};

mod common;

#[test]
fn postures_measures_authors_and_targets_are_read_from_the_game() {
    let sc = common::scenario("scenarios/grid-probe.ron");
    let plan_text = std::fs::read_to_string("scenarios/grid-probe.test.ron").unwrap();
    let plan = backchannel::plan::load("grid-probe.test.ron", &plan_text, &sc).unwrap();
    // Atlantis restrains toward Borealis and proposes a hotline; Borealis accepts on turn 2.
    let case = plan
        .cases
        .iter()
        .find(|c| c.name.starts_with("Atlantis restrains"))
        .unwrap();
    let r = backchannel::plan::run_case(&sc, case);
    let st = r.table.game().state();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let t = st.turn;
    assert!(condition_holds(
        &sc,
        st,
        t,
        &Cond::Posture(atl, bor, Posture::Restrain)
    ));
    assert!(!condition_holds(
        &sc,
        st,
        t,
        &Cond::Posture(atl, bor, Posture::Intensify)
    ));
    assert!(condition_holds(
        &sc,
        st,
        t,
        &Cond::MeasureInForce(atl, bor, Measure::OpenHotline)
    ));
    assert!(!condition_holds(
        &sc,
        st,
        t,
        &Cond::MeasureInForce(atl, bor, Measure::ShareIndicators)
    ));

    // On the turn Atlantis proposed the hotline, the action was aimed at Borealis, not at itself.
    let proposed = |target| {
        Cond::Happened(Happen::ActionTaken {
            by: Some(atl),
            kind: ActionKind::ProposeMeasure,
            target,
        })
    };
    assert!(condition_holds(&sc, st, 1, &proposed(Some(bor))));
    assert!(condition_holds(&sc, st, 1, &proposed(None)));
    assert!(!condition_holds(&sc, st, 1, &proposed(Some(atl))));

    // An intrusion found this game: its true author matches, anyone else does not.
    let (turn, victim, author) = st
        .log
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::IncidentDetected {
                incident, victim, ..
            } => Some((e.turn, *victim, st.incidents[incident.ix()].true_author)),
            _ => None,
        })
        .expect("an intrusion is found in four turns of grid-probe");
    let found = |by| {
        Cond::Happened(Happen::IncidentDetected {
            victim: Some(victim),
            op: None,
            by,
        })
    };
    assert!(condition_holds(&sc, st, turn, &found(Some(author))));
    let someone_else = sc.actor_ixs().find(|a| *a != author).unwrap();
    assert!(!condition_holds(&sc, st, turn, &found(Some(someone_else))));
}
