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
        .collect();
    files.sort();
    files
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
