//! `backchannel new NAME`: writes a commented starter scenario that passes `check`, with every
//! section present and explained, for an instructor to edit.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The starter scenario; `{{id}}` and `{{title}}` are replaced by the name given.
const STARTER: &str = include_str!("../../assets/starter.ron");
const STARTER_PLAN: &str = include_str!("../../assets/starter.test.ron");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id of the new scenario: lower case letters, digits and hyphens, e.g. `harbour-crisis`.
    pub name: String,
    /// File to write (default: NAME.ron in the current directory).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Whether `name` is a valid scenario id: lower-case words of letters and digits joined by single
/// hyphens, starting with a letter.
pub fn is_slug(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The slug closest to `name`: lower case, runs of anything else turned into one hyphen.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let out = out.trim_start_matches('-');
    if out.is_empty() {
        "my-scenario".to_owned()
    } else {
        out.to_owned()
    }
}

/// "harbour-crisis" → "Harbour Crisis".
pub fn title(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The starter scenario text for `slug`.
pub fn starter(slug: &str) -> String {
    STARTER
        .replace("{{id}}", slug)
        .replace("{{title}}", &title(slug))
}

/// The starter scenario's test plan: cases that pass as written, to edit along with it.
pub fn starter_plan(slug: &str) -> String {
    STARTER_PLAN.replace("{{id}}", slug)
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !is_slug(&args.name) {
        eprintln!(
            "error: \"{}\" cannot be a scenario id: use lower case letters, digits and single hyphens, starting with a letter\n  = help: try  backchannel new {}",
            args.name,
            slugify(&args.name)
        );
        return Ok(ExitCode::FAILURE);
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.ron", args.name)));
    let plan = crate::plan::plan_path(&path);
    for p in [&path, &plan] {
        if p.exists() {
            eprintln!(
                "error: {} already exists; nothing was written\n  = help: choose another name, or write elsewhere with  -o FILE",
                p.display()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    for (p, text) in [
        (&path, starter(&args.name)),
        (&plan, starter_plan(&args.name)),
    ] {
        if let Err(e) = create_new(p, &text) {
            eprintln!("error: cannot create {}: {e}", p.display());
            return Ok(ExitCode::FAILURE);
        }
        println!("wrote {}", p.display());
    }
    println!("next:  backchannel check {}", path.display());
    println!("       backchannel test {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to a file that must not exist yet, so nothing of the author's is overwritten.
fn create_new(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("harbour-crisis"));
        assert!(is_slug("grid2"));
        assert!(!is_slug("Harbour"));
        assert!(!is_slug("harbour crisis"));
        assert!(!is_slug("-harbour"));
        assert!(!is_slug("harbour--crisis"));
        assert!(!is_slug("2harbour"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Harbour Crisis"), "harbour-crisis");
        assert_eq!(slugify("  My_New scenario! "), "my-new-scenario");
        assert_eq!(slugify("!!!"), "my-scenario");
        assert_eq!(title("harbour-crisis"), "Harbour Crisis");
    }

    #[test]
    fn the_starter_names_itself() {
        let s = starter("harbour-crisis");
        assert!(s.contains("id: \"harbour-crisis\""));
        assert!(s.contains("title: \"Harbour Crisis\""));
        assert!(!s.contains("{{"));
    }
}
