//! Every shipped scenario parses and compiles without a single issue, and so does the minimal
//! example that opens the format reference, so neither can drift from the format.

use backchannel::scenario::{ScenarioFile, compile, ron_options};
use std::path::{Path, PathBuf};

fn load(name: &str, text: &str) -> backchannel::scenario::Scenario {
    let file: ScenarioFile = ron_options()
        .from_str(text)
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    match compile(&file, 0) {
        Ok(s) => s,
        Err(issues) => {
            let list: Vec<String> = issues
                .iter()
                .map(|i| {
                    format!(
                        "  {}: {} ({})",
                        i.path,
                        i.message,
                        i.help.as_deref().unwrap_or("")
                    )
                })
                .collect();
            panic!("{name} does not compile:\n{}", list.join("\n"));
        }
    }
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the scenarios directory exists")
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| !backchannel::plan::is_plan_path(p))
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_scenario_has_a_test_plan_and_passes_it() {
    for path in scenario_files() {
        let plan = backchannel::plan::plan_path(&path);
        assert!(plan.is_file(), "{} has no test plan", path.display());
        let (report, passed) = backchannel::cli::test::test_file(&path, false);
        assert!(passed, "{report}");
        // A plan exercises the scenario: it has cases that reach a settlement and a failure or
        // the turn limit, and names rules and injects.
        let text = std::fs::read_to_string(&plan).unwrap();
        for needle in ["RuleFired(", "InjectSent(", "Ended(outcome: "] {
            assert!(text.contains(needle), "{}: no {needle}", plan.display());
        }
    }
}

#[test]
fn every_shipped_scenario_loads() {
    let files = scenario_files();
    assert!(!files.is_empty(), "no scenarios/*.ron found");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a readable scenario");
        let name = path.file_name().unwrap().to_string_lossy();
        let s = load(&name, &text);
        assert_eq!(
            path.file_stem().unwrap().to_string_lossy(),
            s.id.as_str(),
            "{name}: the file name should match the scenario id"
        );
    }
}

#[test]
fn the_flagship_offers_every_action() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/grid-probe.ron");
    let s = load("grid-probe.ron", &std::fs::read_to_string(path).unwrap());
    for kind in backchannel::scenario::file::ActionKind::ALL {
        assert!(
            s.action(kind).is_some(),
            "grid-probe does not offer {kind:?}"
        );
    }
}

#[test]
fn the_classroom_dilemma_shows_postures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/classroom-dilemma.ron");
    let s = load(
        "classroom-dilemma.ron",
        &std::fs::read_to_string(path).unwrap(),
    );
    assert!(s.model.postures_visible);
    let p = s.payoffs;
    assert!(
        p.temptation > p.mutual_restraint
            && p.mutual_restraint > p.mutual_intensify
            && p.mutual_intensify > p.sucker
    );
}

/// The first ```ron block of the format reference is a complete scenario.
#[test]
fn the_reference_minimal_example_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md");
    let doc = std::fs::read_to_string(path).expect("docs/scenario-format.md exists");
    let start = doc.find("```ron\n").expect("a ```ron block") + "```ron\n".len();
    let len = doc[start..].find("```").expect("the block is closed");
    load("the minimal example", &doc[start..start + len]);
}

/// The scenario library: every scenario the instructor's guide and `scenarios/README.md` describe
/// is shipped, and each has what a session needs: objectives, debrief questions, playable roles,
/// rules, injects and at least one settlement to aim for.
#[test]
fn the_library_is_complete() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for id in [
        "tutorial",
        "grid-probe",
        "classroom-dilemma",
        "ransomware-proxy",
        "election-shadow",
        "trade-secrets-accord",
        "norms-summit",
    ] {
        let name = format!("{id}.ron");
        let text = std::fs::read_to_string(dir.join(&name))
            .unwrap_or_else(|e| panic!("{name} is missing from the library: {e}"));
        let s = load(&name, &text);
        assert!(!s.objectives.is_empty(), "{name}: no objectives");
        assert!(
            !s.debrief_questions.is_empty(),
            "{name}: no debrief questions"
        );
        assert!(!s.playable.is_empty(), "{name}: no playable role");
        assert!(!s.injects.is_empty(), "{name}: no injects");
        assert!(!s.rules.is_empty(), "{name}: no escalation rules");
        if id != "classroom-dilemma" {
            assert!(!s.settlements.is_empty(), "{name}: no settlement");
        }
    }
}

/// The tutorial is short and its injects teach the screen: the feed, the counterparts panel,
/// postures, the hotline and the assessment.
#[test]
fn the_tutorial_is_short_and_guided() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.ron");
    let s = load("tutorial.ron", &std::fs::read_to_string(path).unwrap());
    assert!((6..=8).contains(&s.turn_limit), "{}", s.turn_limit);
    let texts: String = s
        .injects
        .iter()
        .map(|i| i.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    for topic in [
        "feed",
        "counterparts panel",
        "posture",
        "hotline",
        "assessment",
    ] {
        assert!(texts.contains(topic), "no inject explains the {topic}");
    }
}

/// The norms summit has at least five states and non-state actors around the table.
#[test]
fn the_norms_summit_has_two_camps_and_non_state_actors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/norms-summit.ron");
    let s = load("norms-summit.ron", &std::fs::read_to_string(path).unwrap());
    let states = s.actors.iter().filter(|a| a.kind.is_state()).count();
    assert!(states >= 5, "{states} states");
    assert!(s.actors.iter().any(|a| !a.kind.is_state()));
}
