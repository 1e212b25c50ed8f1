//! Drawing the dashboard at 200×60 into a test backend (target: under 1 ms a frame), and
//! startup to the first frame of the menu (target: under 100 ms).

use backchannel::tui::app::{App, Config, Msg};
use backchannel::tui::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::PathBuf;

fn config(dir: &std::path::Path) -> Config {
    Config {
        data_dir: dir.to_path_buf(),
        scenario_dirs: vec![PathBuf::from("scenarios")],
        seed: 42,
        theme: Theme { colour: true },
        clock: || 1_796_212_800,
    }
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("bc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut app = App::new(config(&dir));
    app.start(
        &PathBuf::from("scenarios/grid-probe.ron"),
        42,
        vec![backchannel::ids::ActorIx(0)],
    )
    .unwrap();
    backchannel::tui::host::step(&mut app, Msg::Resize(200, 60));
    backchannel::tui::host::step(&mut app, Msg::Enter);
    // A few turns so the feed has something in it.
    for _ in 0..4 {
        backchannel::tui::host::step(&mut app, Msg::Char('e'));
        backchannel::tui::host::step(&mut app, Msg::Enter);
        backchannel::tui::host::step(&mut app, Msg::Enter);
    }
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("draw dashboard 200x60", |b| {
        b.iter(|| {
            term.draw(|f| {
                black_box(backchannel::tui::ui::draw(f, black_box(&app)));
            })
            .unwrap();
        })
    });
    c.bench_function("startup to first frame 80x24", |b| {
        b.iter(|| {
            let app = App::new(config(&dir));
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            term.draw(|f| {
                backchannel::tui::ui::draw(f, &app);
            })
            .unwrap();
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
