//! The computer counterparts' reasons, each as one sentence: what the debrief and the
//! facilitator read of why a state did what it did.

use super::*;

impl Narrator<'_> {
    /// A computer counterpart's reason as one sentence, e.g. "Borealis intensified its services
    /// toward Atlantis: its fear of Atlantis stands at 0.72."
    pub fn reason(&self, by: ActorIx, note: &Note) -> String {
        let me = self.actor(by);
        let other = self.about(note.about);
        match note.reason {
            Reason::Fear { posture, fear } => {
                format!(
                    "{me} {} {other}: its fear of {other} stands at {fear:.2}.",
                    posture_order(posture)
                )
            }
            Reason::Reassured { hostile } => {
                format!(
                    "{me} is reassured about {other}: its belief that {other} is hostile is down to {hostile:.2}."
                )
            }
            Reason::ExploitRestraint => {
                format!("{me} pressed its advantage over {other}, counting on {other}'s restraint.")
            }
            Reason::Deterred { costs } if costs >= 0.5 => {
                format!(
                    "{me} held back toward {other}, deterred by the costs {other} has imposed ({costs:.2})."
                )
            }
            Reason::Deterred { costs } => {
                format!(
                    "{me} weighed the costs {other} has imposed and found them low ({costs:.2})."
                )
            }
            Reason::Retaliate { confidence } => format!(
                "{me} retaliated against {other} for an incident it attributes to {other} with confidence {confidence:.2}."
            ),
            Reason::Pressure { pressure } => {
                format!(
                    "{me} answered domestic pressure ({pressure:.2}) with a visible response to {other}."
                )
            }
            Reason::Deescalate { tension } => {
                format!("{me} sought to lower tension with {other} (tension {tension:.1}).")
            }
            Reason::Stabilise if note.about.is_none() => format!("{me} invested in stability."),
            Reason::Stabilise => format!(
                "{me} sought to stabilise its relation with {other} through a channel or norm."
            ),
            Reason::SeekAttribution { confidence } => format!(
                "{me} asked for help attributing an incident it could pin on {other} only with confidence {confidence:.2}."
            ),
            Reason::TieHands { tension } => format!(
                "{me} tied its own hands in public, before {other}, so its restraint can be believed (tension {tension:.1})."
            ),
            Reason::RallySupport { hostile } => format!(
                "{me} sought others' support against {other}, whom it believes hostile ({hostile:.2})."
            ),
            Reason::AskHost => format!(
                "{me} asked the state that shelters {other} to act against it before anyone else does."
            ),
            // A state that thinks the other more likely friendly than not refuses for its own
            // aims, not from fear.
            Reason::Distrust { hostile } if hostile >= 0.5 => format!(
                "{me} refused {other}'s proposal: it does not trust {other} (a belief of {hostile:.2} that {other} is hostile)."
            ),
            Reason::Distrust { hostile } => format!(
                "{me} refused {other}'s proposal: its own aims weighed more than the risk it saw in {other} (a belief of {hostile:.2} that {other} is hostile)."
            ),
            Reason::Strategy { strategy, posture } => {
                format!(
                    "{me} {} {other}, playing {strategy}.",
                    posture_order(posture)
                )
            }
        }
    }
}
