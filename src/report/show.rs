//! A model in words: its counts, every live weight as formulas, and a Graphviz graph.
//! In: a `Model`; out: text.

use crate::mlp::{Activation, Model};
use std::fmt::Write as _;

/// `w·name` as a term of a sum: "−2·x" first, " + 2·x" / " − 2·x" after.
fn term(w: f64, name: &str, first: bool) -> String {
    match (first, w < 0.0) {
        (true, false) => format!("{}·{name}", fmt(w)),
        (true, true) => format!("−{}·{name}", fmt(-w)),
        (false, false) => format!(" + {}·{name}", fmt(w)),
        (false, true) => format!(" − {}·{name}", fmt(-w)),
    }
}

/// `v` added to something: " + v" or " − |v|".
/// ` + v` or ` − |v|`, and nothing where `v` prints as zero (a column whose minimum is 0, or
/// −0, read `(x + -0)` before).
fn plus(v: f64) -> String {
    let magnitude = fmt(v.abs());
    if magnitude == "0" {
        String::new()
    } else if v < 0.0 {
        format!(" − {magnitude}")
    } else {
        format!(" + {magnitude}")
    }
}

fn fmt(v: f64) -> String {
    format!("{:.6}", v)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

fn neuron(layer: usize, j: usize, depth: usize) -> String {
    if layer == depth {
        "out".to_string()
    } else {
        format!("h{}_{}", layer + 1, j + 1)
    }
}

/// The network as formulas, from the scaled inputs to the prediction in the user's units.
/// Which of the model's inputs its network reads (a path of non-zero weights to the output).
pub fn inputs_used(model: &Model) -> String {
    let used = model.network.used_inputs();
    let names = |u: bool| -> Vec<&str> {
        model
            .inputs
            .iter()
            .zip(&used)
            .filter(|(_, &k)| k == u)
            .map(|(n, _)| n.as_str())
            .collect()
    };
    let (yes, no) = (names(true), names(false));
    // A fit on screened inputs: the screen left some out before any pruning.
    let screen = model.provenance.get("screened_inputs");
    let kept: Vec<&str> = screen
        .and_then(|s| s["answer_inputs"].as_array())
        .map_or(Vec::new(), |a| {
            a.iter().filter_map(|v| v.as_str()).collect()
        });
    let (pruned, screened): (Vec<&str>, Vec<&str>) = if screen.is_some() {
        no.iter().partition(|n| kept.contains(n))
    } else {
        (no.clone(), Vec::new())
    };
    let list = |v: &[&str]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    if no.is_empty() {
        return format!("inputs used: all {} ({})", yes.len(), list(&yes));
    }
    let mut out = format!(
        "inputs used: {} of {} ({})",
        yes.len(),
        used.len(),
        list(&yes)
    );
    if !screened.is_empty() {
        out += &format!("; left out by the screen: {}", list(&screened));
    }
    if !pruned.is_empty() {
        out += &format!("; left out by pruning: {}", list(&pruned));
    }
    out
}

pub fn describe(model: &Model) -> String {
    let net = &model.network;
    let s = net.stats();
    let mut t = String::new();
    let widths: Vec<String> = s.hidden_widths.iter().map(usize::to_string).collect();
    let _ = writeln!(
        t,
        "{} hidden layer(s) [{}], {} non-zero weights, {} non-zero parameters, {} live neurons",
        net.depth(),
        widths.join(", "),
        s.nonzero_weights,
        s.nonzero_params,
        s.active_neurons
    );
    let _ = writeln!(t, "{}", inputs_used(model));
    let _ = writeln!(t, "\ninputs scaled to [-1, 1]:");
    for (k, name) in model.inputs.iter().enumerate() {
        let (lo, hi) = (model.input_scaling.min[k], model.input_scaling.max[k]);
        let shifted = match plus(-lo) {
            offset if offset.is_empty() => name.clone(),
            offset => format!("({name}{offset})"),
        };
        let _ = writeln!(t, "  s{} = 2·{shifted} / {} − 1", k + 1, fmt(hi - lo));
    }
    let _ = writeln!(t, "\nnetwork:");
    let depth = net.depth();
    for (l, layer) in net.layers().iter().enumerate() {
        for j in 0..layer.outputs() {
            let mut body = String::new();
            let mut first = true;
            for i in 0..layer.inputs() {
                let w = layer.weight(i, j);
                if w != 0.0 {
                    let src = if l == 0 {
                        format!("s{}", i + 1)
                    } else {
                        neuron(l - 1, i, depth)
                    };
                    body.push_str(&term(w, &src, first));
                    first = false;
                }
            }
            let b = layer.biases()[j];
            if b != 0.0 || first {
                body.push_str(&term(b, "1", first).replace("·1", ""));
            }
            let act = layer.activations()[j];
            let rhs = match act {
                Activation::Linear => body,
                Activation::LeakyRelu => {
                    format!("leaky_relu({body}; slope {})", fmt(layer.leaky_slope()))
                }
                a => format!("{a}({body})"),
            };
            let _ = writeln!(t, "  {} = {rhs}", neuron(l, j, depth));
        }
    }
    let (lo, hi) = (model.output_scaling.min, model.output_scaling.max);
    let _ = writeln!(
        t,
        "\n{} = (out + 1) / 2 · {}{}",
        model.target,
        fmt(hi - lo),
        plus(lo)
    );
    t
}

/// The sparse network as a Graphviz digraph (edges labelled with weights).
pub fn dot(model: &Model) -> String {
    let net = &model.network;
    let depth = net.depth();
    let mut t = String::from("digraph swat {\n  rankdir=LR;\n  node [shape=circle];\n");
    for name in &model.inputs {
        let _ = writeln!(t, "  \"{name}\" [shape=box];");
    }
    for (l, layer) in net.layers().iter().enumerate() {
        for j in 0..layer.outputs() {
            let id = neuron(l, j, depth);
            let label = if l == depth {
                model.target.clone()
            } else {
                format!("{id}\\n{}", layer.activations()[j])
            };
            let _ = writeln!(t, "  \"{id}\" [label=\"{label}\"];");
            for i in 0..layer.inputs() {
                let w = layer.weight(i, j);
                if w != 0.0 {
                    let src = if l == 0 {
                        model.inputs[i].clone()
                    } else {
                        neuron(l - 1, i, depth)
                    };
                    let _ = writeln!(t, "  \"{src}\" -> \"{id}\" [label=\"{}\"];", fmt(w));
                }
            }
        }
    }
    t.push_str("}\n");
    t
}

/// The sparse network as a self-contained SVG picture: one column per layer, edges coloured by
/// sign (blue positive, red negative) and drawn thicker for larger weights.
pub fn svg(model: &Model) -> String {
    let net = &model.network;
    let depth = net.depth();
    let mut columns: Vec<Vec<String>> = vec![model.inputs.clone()];
    for (l, layer) in net.layers().iter().enumerate() {
        columns.push(
            (0..layer.outputs())
                .map(|j| {
                    if l == depth {
                        model.target.clone()
                    } else {
                        format!("{} {}", neuron(l, j, depth), layer.activations()[j])
                    }
                })
                .collect(),
        );
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(1);
    let (dx, dy, r) = (190.0, 70.0, 16.0);
    let width = 80.0 + dx * (columns.len() - 1) as f64 + 120.0;
    let height = 60.0 + dy * tallest as f64;
    let pos = |c: usize, k: usize| -> (f64, f64) {
        let n = columns[c].len() as f64;
        (
            60.0 + dx * c as f64,
            height / 2.0 + (k as f64 - (n - 1.0) / 2.0) * dy,
        )
    };
    let biggest = net
        .layers()
        .iter()
        .flat_map(|l| l.weights().iter().map(|w| w.abs()))
        .fold(1e-12, f64::max);
    let mut t = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    for (l, layer) in net.layers().iter().enumerate() {
        for i in 0..layer.inputs() {
            for j in 0..layer.outputs() {
                let w = layer.weight(i, j);
                if w == 0.0 {
                    continue;
                }
                let ((x1, y1), (x2, y2)) = (pos(l, i), pos(l + 1, j));
                let colour = if w > 0.0 { "#1f77b4" } else { "#d62728" };
                let stroke = 0.5 + 4.5 * w.abs() / biggest;
                let _ = writeln!(
                    t,
                    "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" \
                     stroke=\"{colour}\" stroke-width=\"{stroke:.2}\" opacity=\"0.8\">\
                     <title>{}</title></line>",
                    fmt(w)
                );
            }
        }
    }
    for (c, names) in columns.iter().enumerate() {
        for (k, name) in names.iter().enumerate() {
            let (x, y) = pos(c, k);
            let _ = writeln!(
                t,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"#f5f5f5\" stroke=\"black\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                y + r + 13.0,
                name.replace('&', "&amp;").replace('<', "&lt;")
            );
        }
    }
    t.push_str("</svg>\n");
    t
}

#[cfg(test)]
mod tests {
    use super::plus;

    #[test]
    fn offsets_that_print_as_zero_are_left_out() {
        assert_eq!(plus(-0.0), "");
        assert_eq!(plus(0.0), "");
        assert_eq!(plus(1e-9), "");
        assert_eq!(plus(1.5), " + 1.5");
        assert_eq!(plus(-2.0), " − 2");
    }
}
