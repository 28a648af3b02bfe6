//! Per-neuron activation functions of the sparse network.
//! In: a pre-activation value (f32 or f64) and the layer's leaky-ReLU slope; out: the activation.

use num_traits::Float;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The activation a neuron applies to its weighted sum.
///
/// The leaky-ReLU slope is a property of the layer (`Layer::leaky_slope`), as in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Sigmoid,
    Tanh,
    LeakyRelu,
    Linear,
}

/// The leaky-ReLU slope used when a file or flag does not give one.
pub const DEFAULT_LEAKY_SLOPE: f64 = 0.01;

impl Activation {
    pub const ALL: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::LeakyRelu,
        Activation::Linear,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The name used in model files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Linear => "linear",
        }
    }

    #[inline]
    pub fn apply<T: Float>(self, x: T, leaky_slope: T) -> T {
        match self {
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::LeakyRelu => {
                if x >= T::zero() {
                    x
                } else {
                    x * leaky_slope
                }
            }
            Activation::Linear => x,
        }
    }
}

/// A set of activations a canvas lets each hidden neuron choose from, in `Activation::ALL`
/// order. Empty means the canvas records no per-neuron choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(into = "Vec<Activation>", from = "Vec<Activation>")]
pub struct ActivationSet(u8);

impl ActivationSet {
    pub const NONE: ActivationSet = ActivationSet(0);

    pub fn of(list: &[Activation]) -> Self {
        ActivationSet(list.iter().fold(0, |m, a| m | (1 << a.index())))
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn contains(self, a: Activation) -> bool {
        self.0 & (1 << a.index()) != 0
    }
    /// The members in `Activation::ALL` order.
    pub fn list(self) -> Vec<Activation> {
        Activation::ALL
            .into_iter()
            .filter(|a| self.contains(*a))
            .collect()
    }
    /// Position of `a` among the members.
    pub fn position(self, a: Activation) -> Option<usize> {
        self.list().iter().position(|b| *b == a)
    }
}

impl From<Vec<Activation>> for ActivationSet {
    fn from(v: Vec<Activation>) -> Self {
        ActivationSet::of(&v)
    }
}

impl From<ActivationSet> for Vec<Activation> {
    fn from(s: ActivationSet) -> Self {
        s.list()
    }
}

/// Logistic function, written so neither branch overflows for large |x|.
#[inline]
fn sigmoid<T: Float>(x: T) -> T {
    if x >= T::zero() {
        T::one() / (T::one() + (-x).exp())
    } else {
        let e = x.exp();
        e / (T::one() + e)
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an activation name that swat does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown activation `{0}` (expected one of: sigmoid, tanh, leaky_relu, linear)")]
pub struct UnknownActivation(pub String);

impl FromStr for Activation {
    type Err = UnknownActivation;

    /// Accepts the model-file names and the spellings of the paper's code (`leakyrelu`, `leaky-relu`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "sigmoid" => Ok(Activation::Sigmoid),
            "tanh" => Ok(Activation::Tanh),
            "leaky_relu" | "leaky-relu" | "leakyrelu" => Ok(Activation::LeakyRelu),
            "linear" | "identity" => Ok(Activation::Linear),
            _ => Err(UnknownActivation(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_at_known_points() {
        assert_eq!(Activation::Sigmoid.apply(0.0f64, 0.01), 0.5);
        assert!((Activation::Sigmoid.apply(2.0f64, 0.01) - 0.880_797_077_977_882_3).abs() < 1e-15);
        assert!((Activation::Sigmoid.apply(-2.0f64, 0.01) - 0.119_202_922_022_117_6).abs() < 1e-15);
        assert_eq!(Activation::Sigmoid.apply(-1000.0f32, 0.01), 0.0);
        assert_eq!(Activation::Sigmoid.apply(1000.0f32, 0.01), 1.0);
        assert_eq!(Activation::LeakyRelu.apply(-2.0f64, 0.1), -0.2);
        assert_eq!(Activation::LeakyRelu.apply(3.0f64, 0.1), 3.0);
        assert_eq!(Activation::Linear.apply(-7.5f64, 0.1), -7.5);
        assert!((Activation::Tanh.apply(0.5f64, 0.0) - 0.5f64.tanh()).abs() < 1e-16);
    }

    #[test]
    fn names_round_trip_and_aliases() {
        for a in Activation::ALL {
            assert_eq!(a.name().parse::<Activation>().unwrap(), a);
        }
        assert_eq!(
            "LeakyReLU".parse::<Activation>().unwrap(),
            Activation::LeakyRelu
        );
        let err = "relu6".parse::<Activation>().unwrap_err();
        assert!(err.to_string().contains("relu6"));
    }
}
