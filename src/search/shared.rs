//! Random starts shared between autoencoders of one canvas: a random start's draw depends on
//! the canvas's layout, not on the decoder, so a later autoencoder on the same canvas searches
//! its decoded starts alone and takes the earlier one's random finalists, instead of tuning and
//! pruning the same networks again. In: the fits' depths; out: the later fits' depths completed.

use super::config::{FitConfig, Method};
use super::prepare::{eval, FitData};
use super::result::DepthResult;
use super::select::{pick_finalist, variance};
use super::start::Origin;
use crate::autoencoder::Geometry;

/// Whether random starts drawn for `a` and for `b` are the same networks. A start of a given
/// activation is drawn on the canvas's layout with that activation in every hidden neuron, so
/// canvases that differ only in their decoder's activation draw the same starts (unless the
/// starts take the canvas's own activation, `FitConfig::random_activations` empty).
pub fn same_random_starts(a: &Geometry, b: &Geometry, config: &FitConfig) -> bool {
    let fixed_by_config = a.choices.is_empty() && !config.random_activations.is_empty();
    a == b
        || (fixed_by_config
            && *a
                == Geometry {
                    activation: a.activation,
                    ..*b
                })
}

/// Whether a fit may share random starts at all: swat's method with both kinds of start (with
/// random starts alone, a fit that shares would have none).
pub fn shares(config: &FitConfig) -> bool {
    config.method == Method::Swat && config.random_starts > 0 && config.search.restarts > 0
}

/// For each geometry, the first earlier one whose random starts are the same networks.
pub fn sources(geometries: &[Geometry], config: &FitConfig) -> Vec<Option<usize>> {
    geometries
        .iter()
        .enumerate()
        .map(|(k, g)| {
            shares(config)
                .then(|| (0..k).find(|&j| same_random_starts(&geometries[j], g, config)))
                .flatten()
        })
        .collect()
}

/// Adds `from`'s random finalists (and their stages) to `into`'s depths, which searched no
/// random starts, and picks each depth's network again among all its finalists, as a fit with
/// both kinds of start would have: same starts, same order, same rule.
pub fn take_random(into: &mut [DepthResult], from: &[DepthResult], data: &FitData, r2_slack: f64) {
    let random = |o: Origin| matches!(o, Origin::Random(..));
    let var = variance(&data.valid.y);
    for r in into.iter_mut() {
        let Some(f) = from.iter().find(|f| f.depth == r.depth) else {
            continue;
        };
        let before = r.finalists.len();
        r.stages
            .extend(f.stages.iter().filter(|s| random(s.origin)).cloned());
        r.finalists
            .extend(f.finalists.iter().filter(|x| random(x.origin)).cloned());
        if r.finalists.len() == before {
            continue;
        }
        let k = pick_finalist(&r.finalists, var, r2_slack);
        let chosen = &r.finalists[k];
        if chosen.origin == r.origin {
            continue;
        }
        // Its validation scores came with it; only the other sets need scoring.
        r.origin = chosen.origin;
        r.valid = chosen.valid;
        r.network = chosen.network.clone();
        r.stats = r.network.stats();
        r.train = eval(&r.network, data.scaling, data.train);
        r.test = data.test.map(|t| eval(&r.network, data.scaling, t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::{Activation, ActivationSet};

    fn canvas(activation: Activation, rows: usize) -> Geometry {
        Geometry {
            rows,
            inputs: 3,
            max_depth: 4,
            bias: true,
            activation,
            choices: ActivationSet::NONE,
            leaky_slope: crate::mlp::DEFAULT_LEAKY_SLOPE,
        }
    }

    #[test]
    fn canvases_that_differ_only_in_activation_share() {
        let config = FitConfig::new(Method::Swat);
        let g = [
            canvas(Activation::Sigmoid, 7),
            canvas(Activation::Sigmoid, 8),
            canvas(Activation::LeakyRelu, 7),
        ];
        assert_eq!(sources(&g, &config), vec![None, None, Some(0)]);
        // Starts that take each canvas's own activation differ.
        let own = FitConfig {
            random_activations: Vec::new(),
            ..FitConfig::new(Method::Swat)
        };
        assert_eq!(sources(&g, &own), vec![None, None, None]);
        // Random starts alone: nothing to share.
        let mut alone = FitConfig::new(Method::Swat);
        alone.search.restarts = 0;
        assert_eq!(sources(&g, &alone), vec![None, None, None]);
    }
}
