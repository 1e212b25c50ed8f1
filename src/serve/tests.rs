use super::*;
use rand::SeedableRng;

fn options() -> Options {
    Options {
        scenario: None,
        bind: "127.0.0.1".parse().unwrap(),
        port: 2222,
        seats: Vec::new(),
        facilitator: None,
        tables: 2,
        seed: 7,
        turn_timer: Some(300),
        resume: None,
        data: PathBuf::from("unused"),
        started: 0,
    }
}

fn grid() -> Arc<Scenario> {
    crate::autosave::load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap()
}

fn rng() -> rand_chacha::ChaCha8Rng {
    rand_chacha::ChaCha8Rng::seed_from_u64(3)
}

#[test]
fn every_seat_of_every_table_gets_its_own_code() {
    let mut o = options();
    o.seats = vec![("atlantis".into(), "alpha".parse().unwrap())];
    o.facilitator = Some("boss".parse().unwrap());
    let (m, tables) = setup(&o, grid(), "grid-probe.ron", &mut rng()).unwrap();
    assert_eq!(tables.len(), 2);
    // Only the named seat is human; the computer plays Borealis.
    assert_eq!(tables[0].humans().len(), 1);
    assert_eq!(m.seats.len(), 2);
    assert_eq!(m.seats[0].code.as_str(), "alpha");
    assert_ne!(m.seats[1].code.as_str(), "alpha");
    assert!(
        tables
            .iter()
            .all(|t| t.timer().is_some_and(|t| t.left == 300))
    );
    let codes = m.codes(&tables[0]).unwrap();
    assert_eq!(codes.role("boss"), Some(Role::Facilitator));
    let sheet = codes_sheet(&m, "Grid Probe", "127.0.0.1", 2222);
    assert!(sheet.contains("ssh -p 2222 alpha@127.0.0.1"), "{sheet}");
    assert!(
        sheet.contains("Facilitator    ssh -p 2222 boss@127.0.0.1"),
        "{sheet}"
    );
}

#[test]
fn without_named_seats_every_playable_role_is_a_seat() {
    let (m, tables) = setup(&options(), grid(), "grid-probe.ron", &mut rng()).unwrap();
    assert_eq!(tables[0].humans().len(), 2);
    assert_eq!(m.seats.len(), 4);
    let distinct: std::collections::BTreeSet<_> = m.seats.iter().map(|s| &s.code).collect();
    assert_eq!(distinct.len(), 4);
}

#[test]
fn mistakes_in_the_seats_are_refused_with_the_way_on() {
    let mut o = options();
    o.seats = vec![("saltmarsh".into(), "xray-1".parse().unwrap())];
    let err = setup(&o, grid(), "g", &mut rng()).unwrap_err().to_string();
    assert!(
        err.contains("playable roles are atlantis, borealis"),
        "{err}"
    );
    o.seats = vec![
        ("atlantis".into(), "xray-1".parse().unwrap()),
        ("atlantis".into(), "xray-2".parse().unwrap()),
        ("atlantis".into(), "xray-3".parse().unwrap()),
    ];
    let err = setup(&o, grid(), "g", &mut rng()).unwrap_err().to_string();
    assert!(err.contains("once per table"), "{err}");
    o.seats = vec![
        ("atlantis".into(), "same".parse().unwrap()),
        ("borealis".into(), "same".parse().unwrap()),
    ];
    let err = setup(&o, grid(), "g", &mut rng()).unwrap_err().to_string();
    assert!(err.contains("given twice"), "{err}");
    o.seats.clear();
    o.tables = 0;
    assert!(setup(&o, grid(), "g", &mut rng()).is_err());
}

#[test]
fn a_workshop_folder_resumes_every_table_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let (m, mut tables) = setup(&options(), grid(), "grid-probe.ron", &mut rng()).unwrap();
    let humans = tables[1].humans();
    for &h in &humans {
        tables[1]
            .submit(h, crate::engine::Orders::default())
            .unwrap();
    }
    let store = Store::open(dir.path().to_path_buf()).unwrap();
    store
        .write_now(store::MANIFEST, &store::manifest_text(&m).unwrap())
        .unwrap();
    for (k, t) in tables.iter().enumerate() {
        store
            .write_now(&store::table_file(k), &store::table_text(t))
            .unwrap();
    }
    let (_, back, restored) = store::load(&dir.path().join(store::MANIFEST)).unwrap();
    assert_eq!(back, m);
    assert_eq!(restored.len(), 2);
    for (a, b) in tables.iter().zip(&restored) {
        assert_eq!(a.game().hash(), b.game().hash());
        assert_eq!(a.timer(), b.timer());
    }
    assert_eq!(restored[1].game().state().turn, 1);
    assert_eq!(
        back.codes(&restored[0]).unwrap(),
        m.codes(&tables[0]).unwrap()
    );
}

#[test]
fn the_host_key_is_made_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let fp = |k: &russh::keys::PrivateKey| {
        k.public_key()
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string()
    };
    let first = host_key(dir.path()).unwrap();
    let again = host_key(dir.path()).unwrap();
    assert_eq!(fp(&first), fp(&again));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("workshop-host-key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only its owner reads the key");
    }
    std::fs::write(dir.path().join("workshop-host-key"), "not a key").unwrap();
    let err = host_key(dir.path()).unwrap_err().to_string();
    assert!(err.contains("move it away"), "{err}");
}
