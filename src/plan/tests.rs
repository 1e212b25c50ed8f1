use super::*;
use std::sync::Arc;

fn grid() -> Arc<Scenario> {
    crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron")).unwrap()
}

fn plan(text: &str) -> Result<Plan, Vec<Diagnostic>> {
    load("p.test.ron", text, &grid())
}

const ONE: &str = r#"TestPlan(format: 1, cases: [
    (
        name: "hawks",
        seed: 2,
        strategies: {"atlantis": AlwaysIntensify, "borealis": AlwaysIntensify},
        until: 3,
        expect: [
            (after_turn: 3, that: Rung(Is, "stable")),
            (after_turn: 2, that: Rung(AtLeast, "tension")),
            (after_turn: 9, that: Running),
        ],
    ),
])"#;

#[test]
fn a_failed_expectation_names_its_place_what_was_expected_and_what_was_found() {
    let p = plan(ONE).unwrap();
    let r = run_case(&grid(), &p.cases[0]);
    assert_eq!(r.turns, 3);
    let places: Vec<(usize, usize)> = r.failures.iter().map(|f| (f.at.line, f.at.col)).collect();
    assert_eq!(places, [(8, 13), (10, 13)], "{:?}", r.failures);
    assert_eq!(
        r.failures[0].message,
        "expected the rung to be \"stable\", but it is \"crisis\""
    );
    assert_eq!(r.failures[0].after_turn, Some(3));
    assert!(
        r.failures[1]
            .message
            .contains("to be checked after turn 9, but the case stopped after turn 3"),
        "{}",
        r.failures[1].message
    );
}

#[test]
fn the_same_case_gives_the_same_game() {
    let p = plan(ONE).unwrap();
    let a = run_case(&grid(), &p.cases[0]);
    let b = run_case(&grid(), &p.cases[0]);
    assert_eq!(a.table.game().hash(), b.table.game().hash());
}

#[test]
fn unknown_ids_are_errors_at_their_place_with_the_id_meant() {
    let text = ONE
        .replace(
            "\"borealis\": AlwaysIntensify",
            "\"borelis\": AlwaysIntensify",
        )
        .replace("Rung(Is, \"stable\")", "Rung(Is, \"stabel\")");
    let e = plan(&text).unwrap_err();
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(e[0].message, "no actor is called \"borelis\"");
    assert_eq!(e[0].help.as_deref(), Some("did you mean \"borealis\"?"));
    assert_eq!((e[0].line, e[0].col), (5, 51));
    assert_eq!(e[1].message, "no rung is called \"stabel\"");
    assert_eq!(e[1].line, 8);
}

#[test]
fn a_broken_plan_is_one_error_at_the_mistake() {
    let e = plan(&ONE.replace("seed: 2,", "seed: 2,,")).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].col), (4, 17));
    assert!(e[0].message.contains("comma"), "{}", e[0].message);
    let e = plan(&ONE.replace("until: 3", "untill: 3")).unwrap_err();
    assert!(
        e[0].message.contains("unknown field `untill`"),
        "{}",
        e[0].message
    );
}

#[test]
fn orders_for_a_computer_seat_are_refused() {
    let text = r#"TestPlan(format: 1, cases: [(name: "x", seed: 1, humans: ["atlantis"],
        turns: [{"borealis": (postures: {"atlantis": Restrain})}], expect: [])])"#;
    let e = plan(text).unwrap_err();
    assert!(
        e[0].message.contains("not a human seat"),
        "{}",
        e[0].message
    );
}

#[test]
fn a_human_seat_without_orders_holds_its_postures() {
    let text = r#"TestPlan(format: 1, cases: [(name: "idle", seed: 5, humans: ["atlantis"], until: 2,
        expect: [])])"#;
    let p = plan(text).unwrap();
    let r = run_case(&grid(), &p.cases[0]);
    let atlantis = grid().actor_ix("atlantis").unwrap();
    assert!(
        r.table
            .game()
            .orders()
            .iter()
            .all(|turn| turn.iter().all(|(a, _)| *a != atlantis))
    );
    assert_eq!(r.turns, 2);
}

#[test]
fn the_reference_example_plan_passes() {
    let doc = std::fs::read_to_string("docs/scenario-format.md").unwrap();
    let start = doc.find("```ron\nTestPlan(").expect("the plan example") + "```ron\n".len();
    let len = doc[start..].find("```").unwrap();
    let p = plan(&doc[start..start + len]).unwrap_or_else(|e| panic!("{e:?}"));
    for case in &p.cases {
        let r = run_case(&grid(), case);
        assert!(r.passed(), "{}: {:?}", r.name, r.failures);
    }
}

#[test]
fn checks_that_could_never_run_or_hold_are_refused() {
    let e = plan(&ONE.replace(
        "(after_turn: 9, that: Running)",
        "(that: Tension(between: (\"borealis\", \"borealis\"), is: AtLeast(1))), (after_turn: 0, that: Running), (that: Escalation(Between(5, 1)))",
    ))
    .unwrap_err();
    let codes: Vec<&str> = e.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "plan-paired-with-itself",
            "plan-turn-zero",
            "plan-empty-range"
        ],
        "{e:?}"
    );
}

#[test]
fn a_plan_saved_with_a_byte_order_mark_is_read() {
    let p = plan(&format!("\u{feff}{ONE}")).unwrap();
    assert_eq!(p.cases.len(), 1);
}
