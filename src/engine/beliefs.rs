//! Bayes' rule over intent types. Evidence arrives as a factor per intent (a likelihood); a
//! belief is multiplied by it and renormalised. Beliefs never reach exactly 0 or 1, so that new
//! evidence can always move them (priors 0.1–0.5, odds form).

use super::orders::Posture;
use crate::ids::IndicatorIx;
use crate::scenario::Scenario;
use crate::scenario::model::OP_KINDS;

/// No intent is ever believed less likely than this.
pub const FLOOR: f64 = 1e-3;

/// Multiplies `belief` by `factor` and renormalises.
pub fn update(belief: &mut [f64], factor: &[f64]) {
    let mut sum = 0.0;
    for (b, f) in belief.iter_mut().zip(factor) {
        *b *= f.max(1e-12);
        sum += *b;
    }
    normalise(belief, sum);
}

/// Divides a factor back out (evidence withdrawn: the suspect was cleared, or is re-weighed).
pub fn withdraw(belief: &mut [f64], factor: &[f64]) {
    let mut sum = 0.0;
    for (b, f) in belief.iter_mut().zip(factor) {
        *b /= f.max(1e-12);
        sum += *b;
    }
    normalise(belief, sum);
}

fn normalise(belief: &mut [f64], sum: f64) {
    let k = belief.len() as f64;
    if !(sum.is_finite() && sum > 0.0) {
        belief.iter_mut().for_each(|b| *b = 1.0 / k);
        return;
    }
    let mut total = 0.0;
    for b in belief.iter_mut() {
        *b = (*b / sum).max(FLOOR);
        total += *b;
    }
    belief.iter_mut().for_each(|b| *b /= total);
}

/// Likelihood of what an incident shows under each operation kind. Indicators in `seen` showed;
/// every other indicator examined did not (forensic ones are examined only once forensics are
/// in). The observer knows it misreads with probability `noise` and discounts accordingly.
pub fn evidence(
    sc: &Scenario,
    seen: &[IndicatorIx],
    forensics_in: bool,
    noise: f64,
) -> [f64; OP_KINDS] {
    let mut e = [1.0; OP_KINDS];
    for (j, ind) in sc.indicators.iter().enumerate() {
        if ind.forensic && !forensics_in {
            continue;
        }
        let shown = seen.contains(&IndicatorIx::from_ix(j));
        for (op, l) in e.iter_mut().enumerate() {
            let p = ind.likelihood[op] * (1.0 - noise) + (1.0 - ind.likelihood[op]) * noise;
            *l *= if shown { p } else { 1.0 - p };
        }
    }
    e
}

/// Likelihood of the evidence under each intent: Σ_op P(op | intent) · P(evidence | op).
pub fn over_intents(sc: &Scenario, e: &[f64; OP_KINDS], out: &mut [f64]) {
    for (o, intent) in out.iter_mut().zip(&sc.intents) {
        *o = intent.operations.iter().zip(e).map(|(p, l)| p * l).sum();
    }
}

/// The factor for evidence that points at a suspect with `confidence`: with the remaining
/// probability the evidence came from someone else and says nothing about this suspect.
pub fn attributed(likelihood: &[f64], belief: &[f64], confidence: f64, out: &mut [f64]) {
    let mean: f64 = likelihood.iter().zip(belief).map(|(l, b)| l * b).sum();
    for (o, l) in out.iter_mut().zip(likelihood) {
        *o = confidence * l + (1.0 - confidence) * mean;
    }
}

/// The factor for a signal of strength `lr` (likelihood ratio between a fully benign and a fully
/// hostile sender). A conciliatory signal is likelier from benign intents, a hostile one from
/// hostile intents.
pub fn signal(sc: &Scenario, lr: f64, conciliatory: bool, out: &mut [f64]) {
    for (o, i) in out.iter_mut().zip(&sc.intents) {
        let h = i.hostility;
        *o = libm::pow(lr, if conciliatory { 1.0 - h } else { h });
    }
}

/// P(posture | intent) as observers model it: hostile intents intensify, benign ones restrain.
pub fn posture(sc: &Scenario, p: Posture, out: &mut [f64]) {
    for (o, i) in out.iter_mut().zip(&sc.intents) {
        let h = i.hostility;
        *o = match p {
            Posture::Intensify => 0.1 + 0.55 * h,
            Posture::Restrain => 0.1 + 0.55 * (1.0 - h),
            Posture::Routine => 0.25,
        };
    }
}

/// How much likelier an intrusion is under each intent, from the postures each intent tends to
/// hold. Observers know that everyone spies, so the ratio is tempered (square root): finding an
/// intrusion raises suspicion, but not by as much as a naïve count would.
pub fn intrusion_rate(sc: &Scenario, out: &mut [f64]) {
    let m = &sc.model;
    let mut p = vec![0.0; sc.intents.len()];
    for (posture, rate) in [
        (Posture::Restrain, m.launch_restrain),
        (Posture::Routine, m.launch_routine),
        (Posture::Intensify, m.launch_intensify),
    ] {
        self::posture(sc, posture, &mut p);
        out.iter_mut().zip(&p).for_each(|(o, p)| *o += p * rate);
    }
    out.iter_mut().for_each(|o| *o = o.sqrt());
}

/// A restraint signal counts only as far as the receiver can verify it.
pub fn effective_lr(lr: f64, p_verify: f64) -> f64 {
    1.0 + (lr - 1.0) * p_verify.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_keeps_a_distribution() {
        let mut b = vec![0.5, 0.3, 0.2];
        update(&mut b, &[10.0, 0.0, 1.0]);
        let s: f64 = b.iter().sum();
        assert!((s - 1.0).abs() < 1e-12);
        assert!(b.iter().all(|x| *x >= FLOOR * 0.99));
        assert!(b[0] > 0.9);
    }

    #[test]
    fn withdraw_undoes_update() {
        let mut b = vec![0.5, 0.3, 0.2];
        let f = [2.0, 0.5, 1.0];
        update(&mut b, &f);
        withdraw(&mut b, &f);
        for (x, y) in b.iter().zip([0.5, 0.3, 0.2]) {
            assert!((x - y).abs() < 1e-9);
        }
    }

    #[test]
    fn unverifiable_signals_count_for_nothing() {
        assert_eq!(effective_lr(3.0, 0.0), 1.0);
        assert_eq!(effective_lr(3.0, 1.0), 3.0);
        assert!((effective_lr(3.0, 0.5) - 2.0).abs() < 1e-12);
    }

    #[test]
    fn attribution_confidence_dilutes_evidence() {
        let l = [2.0, 1.0];
        let b = [0.5, 0.5];
        let mut sure = [0.0; 2];
        let mut unsure = [0.0; 2];
        attributed(&l, &b, 1.0, &mut sure);
        attributed(&l, &b, 0.2, &mut unsure);
        assert!(sure[0] / sure[1] > unsure[0] / unsure[1]);
    }
}
