//! `backchannel check`: placeholder until the checker lands.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut ok = true;
    for f in files {
        let text = std::fs::read_to_string(f)?;
        let file: crate::scenario::ScenarioFile = match crate::scenario::ron_options().from_str(&text) {
            Ok(x) => x,
            Err(e) => {
                println!("{}:{}: error: {}", f.display(), e.span.start, e.code);
                ok = false;
                continue;
            }
        };
        if let Err(issues) = crate::scenario::compile(&file, crate::scenario::content_hash(&text)) {
            ok = false;
            for i in issues {
                println!("{}: error at {}: {} ({})", f.display(), i.path, i.message, i.help.unwrap_or_default());
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
