//! Which start's stage an ablation row reads: per depth, the best start of one kind (decoded
//! or random; the linear model belongs to both), chosen by the fit's own rule.
//! In: a depth's result and the kind; out: that start's score at the stage asked for.

use crate::search::select::{pick, R2_SLACK};
use crate::search::{DepthResult, Origin, Stage, StageScore};

/// Whether a start of `origin` belongs to the ablation of one kind of start: decoded and
/// random starts by their kind; the linear model (depth 0, least squares) is no start's, so
/// both controls keep it, as the default does (it once counted as random, and on the paper
/// suite's 8 linear teachers only `swat-random-only` could answer with it).
fn in_ablation(origin: Origin, decoded: bool) -> bool {
    origin == Origin::LeastSquares || origin.is_decoded() == decoded
}

pub(super) fn stage_of(
    d: &DepthResult,
    decoded: bool,
    stage: Stage,
    variance: f64,
) -> Option<&StageScore> {
    let finals: Vec<&StageScore> = d
        .stages
        .iter()
        .filter(|s| in_ablation(s.origin, decoded) && s.stage == Stage::Sparsify)
        .collect();
    if finals.is_empty() {
        return None;
    }
    let scores: Vec<(f64, usize)> = finals
        .iter()
        .map(|s| (s.valid.mse, s.stats.nonzero_params))
        .collect();
    let origin = finals[pick(&scores, variance, R2_SLACK)].origin;
    d.stages
        .iter()
        .find(|s| s.origin == origin && s.stage == stage)
}

#[cfg(test)]
mod tests {
    use super::in_ablation;
    use crate::mlp::Activation;
    use crate::search::Origin;

    #[test]
    fn both_controls_keep_the_linear_model() {
        assert!(in_ablation(Origin::LeastSquares, true));
        assert!(in_ablation(Origin::LeastSquares, false));
        assert!(in_ablation(Origin::Decoded(2), true));
        assert!(!in_ablation(Origin::Decoded(2), false));
        let random = Origin::Random(0, Some(Activation::Sigmoid));
        assert!(in_ablation(random, false));
        assert!(!in_ablation(random, true));
    }
}
