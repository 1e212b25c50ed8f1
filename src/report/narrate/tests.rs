//! Narration tests: every reason, action and event has a sentence, names come from the
//! scenario, and a seat's narrator never tells the hidden truth.

use super::*;
use crate::ai::Strategy;
use crate::engine::Game;
use crate::engine::event::{Audience, SeatMask};
use crate::engine::orders::Measure;
use crate::scenario::file::Channel;
use crate::scenario::{ScenarioFile, compile, content_hash, ron_options};
use std::sync::Arc;

const GRID: &str = include_str!("../../../scenarios/grid-probe.ron");

fn grid() -> Arc<Scenario> {
    let file: ScenarioFile = ron_options().from_str(GRID).unwrap();
    Arc::new(compile(&file, content_hash(GRID)).unwrap())
}

fn ev(kind: EventKind) -> Event {
    Event {
        turn: 1,
        audience: Audience::Public,
        kind,
    }
}

#[test]
fn reasons_read_as_one_line_with_names() {
    let sc = grid();
    let g = Game::new(Arc::clone(&sc), 1);
    let n = Narrator::omniscient(&sc, g.state());
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let note = Note {
        about: Some(atl),
        reason: Reason::Fear {
            posture: Posture::Intensify,
            fear: 0.72,
        },
    };
    assert_eq!(
        n.reason(bor, &note),
        "Borealis intensified its services toward Atlantis: its fear of Atlantis stands at 0.72."
    );
    let note = Note {
        about: Some(bor),
        reason: Reason::Strategy {
            strategy: Strategy::TitForTat,
            posture: Posture::Restrain,
        },
    };
    assert_eq!(
        n.reason(atl, &note),
        "Atlantis restrained its services toward Borealis, playing tit-for-tat."
    );
}

#[test]
fn every_reason_and_action_has_a_sentence() {
    let sc = grid();
    let g = Game::new(Arc::clone(&sc), 1);
    let n = Narrator::omniscient(&sc, g.state());
    let (a, b) = (ActorIx(0), ActorIx(1));
    let reasons = [
        Reason::Fear {
            posture: Posture::Routine,
            fear: 0.3,
        },
        Reason::Reassured { hostile: 0.2 },
        Reason::ExploitRestraint,
        Reason::Deterred { costs: 0.7 },
        Reason::Deterred { costs: 0.1 },
        Reason::Retaliate { confidence: 0.65 },
        Reason::Pressure { pressure: 0.7 },
        Reason::Deescalate { tension: 21.0 },
        Reason::SeekAttribution { confidence: 0.3 },
        Reason::TieHands { tension: 18.0 },
        Reason::RallySupport { hostile: 0.8 },
        Reason::AskHost,
        Reason::Stabilise,
        Reason::Distrust { hostile: 0.8 },
        Reason::Distrust { hostile: 0.2 },
        Reason::Strategy {
            strategy: Strategy::Grudger,
            posture: Posture::Intensify,
        },
    ];
    for r in reasons {
        let s = n.reason(
            a,
            &Note {
                about: Some(b),
                reason: r,
            },
        );
        assert!(
            s.starts_with("Atlantis ") && s.contains("Borealis") && s.ends_with('.'),
            "{s}"
        );
    }
    // A refusal by a state that thinks the proposer more likely friendly is not told as fear.
    let refusal = |hostile| {
        n.reason(
            a,
            &Note {
                about: Some(b),
                reason: Reason::Distrust { hostile },
            },
        )
    };
    assert!(refusal(0.8).contains("does not trust Borealis"));
    assert!(refusal(0.2).contains("its own aims weighed more"));
    assert_eq!(
        n.reason(
            a,
            &Note {
                about: None,
                reason: Reason::Stabilise
            }
        ),
        "Atlantis invested in stability."
    );
    let actions = [
        Action::Message {
            to: b,
            tone: Tone::Reassure,
            evidence: None,
        },
        Action::Message {
            to: b,
            tone: Tone::Warn,
            evidence: Some(IncidentId(0)),
        },
        Action::Demarche {
            to: b,
            incident: None,
        },
        Action::HotlineCall {
            to: b,
            incident: Some(IncidentId(1)),
        },
        Action::Meeting { with: b },
        Action::ProposeMeasure {
            to: b,
            measure: Measure::CertToCert,
        },
        Action::ProposeAgreement {
            to: b,
            norm: NormIx(0),
        },
        Action::PublicPledge { norm: NormIx(1) },
        Action::RemoveImplants { target: b },
        Action::PublicAttribution {
            incident: IncidentId(0),
            accused: b,
            norm: NormIx(0),
        },
        Action::Coalition {
            partner: ActorIx(3),
            against: b,
            ask: CoalitionAsk::JointAttribution,
        },
        Action::Sanctions { target: b },
        Action::Indictment { target: b },
        Action::CounterOperation {
            target: b,
            asset: None,
        },
        Action::CapacityBuilding,
        Action::EngageNonState {
            actor: b,
            ask: NonStateAsk::ActAgainst,
            about: Some(ActorIx(2)),
        },
        Action::Forum {
            norm: NormIx(0),
            against: Some(b),
        },
        Action::Wait,
    ];
    for x in &actions {
        let s = n.describe(&ev(EventKind::ActionTaken {
            by: a,
            action: x.clone(),
        }));
        assert!(s.starts_with("Atlantis ") && s.ends_with('.'), "{s}");
    }
    let s = n.describe(&ev(EventKind::ActionTaken {
        by: a,
        action: Action::Forum {
            norm: NormIx(0),
            against: Some(b),
        },
    }));
    assert_eq!(
        s,
        "Atlantis raised \u{201c}No attacks on critical infrastructure in peacetime\u{201d} in the Council on Cyber Stability, naming Borealis."
    );
}

#[test]
fn every_event_of_a_played_game_has_a_sentence_for_each_reader() {
    let sc = grid();
    for seed in 1..4 {
        let g = crate::batch::play(&sc, seed, &vec![Strategy::Doctrine; sc.actors.len()]);
        let truth = Narrator::omniscient(&sc, g.state());
        for e in &g.state().log {
            let s = truth.describe(e);
            assert!(s.len() > 10 && !s.contains("unknown"), "{s}");
        }
        for seat in sc.actor_ixs() {
            let n = Narrator::for_seat(g.view(seat));
            for e in g.events_for(seat) {
                let s = n.describe(e);
                // A seat's narrator never tells the hidden truth.
                assert!(
                    ![
                        "In truth",
                        "Wrongly:",
                        "It misread them",
                        "Right:",
                        "Wrong:",
                        "The author was"
                    ]
                    .iter()
                    .any(|x| s.contains(x)),
                    "{s}"
                );
            }
        }
    }
}

#[test]
fn hidden_events_read_plainly() {
    let sc = grid();
    let g = Game::new(Arc::clone(&sc), 1);
    let n = Narrator::omniscient(&sc, g.state());
    let hidden = |kind| Event {
        turn: 3,
        audience: Audience::Only(SeatMask::NOBODY),
        kind,
    };
    assert_eq!(
        n.describe(&hidden(EventKind::IntentShifted {
            actor: ActorIx(1),
            from: IntentIx(0),
            to: IntentIx(3)
        })),
        "Borealis's intent shifted from Security-seeker to Pre-emptor."
    );
    assert_eq!(
        n.describe(&hidden(EventKind::LadderMoved {
            from: RungIx(1),
            to: RungIx(2)
        })),
        "The crisis climbed from Tension to Crisis."
    );
    assert_eq!(
        n.describe(&hidden(EventKind::ChannelOpened {
            a: ActorIx(0),
            b: ActorIx(1),
            channel: Channel::Hotline
        })),
        "A hotline is now open between Atlantis and Borealis."
    );
    assert_eq!(
        n.describe(&hidden(EventKind::AgreementSigned {
            a: ActorIx(0),
            b: ActorIx(1),
            norm: NormIx(2)
        })),
        "Atlantis and Borealis agreed: \u{201c}No theft of intellectual property for commercial gain\u{201d}."
    );
    let s = n.describe(&hidden(EventKind::Damage {
        asset: AssetIx(6),
        kind: OpKind::Disruption,
        severity: 0.5,
    }));
    assert_eq!(
        s,
        "St Brendan's hospital group (Atlantis, data layer) was hit by disruption: damage 0.50."
    );
}

#[test]
fn a_turns_attribution_updates_read_as_one_line_per_victim() {
    let sc = grid();
    let mut seen = false;
    for seed in 1..8 {
        let g = crate::batch::play(&sc, seed, &vec![Strategy::Doctrine; sc.actors.len()]);
        for seat in sc.actor_ixs() {
            let n = Narrator::for_seat(g.view(seat));
            for turn in 1..=g.state().turn {
                let events: Vec<&Event> = g.events_for(seat).filter(|e| e.turn == turn).collect();
                // Each incident updated this turn, told once however often it was updated.
                let updated: std::collections::BTreeSet<IncidentId> = events
                    .iter()
                    .filter_map(|e| match e.kind {
                        EventKind::AttributionUpdated { incident, .. } => Some(incident),
                        _ => None,
                    })
                    .collect();
                let updates = updated.len();
                let lines = n.report_lines(events.iter().copied());
                let grouped: Vec<&String> = lines
                    .iter()
                    .filter(|l| l.contains("investigators now name"))
                    .collect();
                assert!(lines.iter().all(|l| !l.contains("investigators name ")));
                let victims: std::collections::BTreeSet<&str> = grouped
                    .iter()
                    .filter_map(|l| l.split("'s ").next())
                    .collect();
                assert_eq!(
                    victims.len(),
                    grouped.len(),
                    "one line per victim: {grouped:?}"
                );
                let items: usize = grouped
                    .iter()
                    .map(|l| l.matches("incident #").count())
                    .sum();
                assert_eq!(items, updates);
                seen |= updates > 1;
            }
        }
    }
    assert!(seen, "no turn had two updates to group");
}
