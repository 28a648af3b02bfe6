//! Writing a model for other runtimes: ONNX (opset 13), computing exactly what swat's forward
//! pass computes, input scaling and output unscaling included.
//! In: a `Model`; out: ONNX bytes.

mod proto;

use crate::mlp::{Activation, Model};
use prost::Message;
use proto::*;

fn tensor(name: &str, dims: &[i64], data: Vec<f32>) -> TensorProto {
    TensorProto {
        dims: dims.to_vec(),
        data_type: DATA_FLOAT,
        float_data: data,
        name: name.to_string(),
    }
}

fn value_info(name: &str, cols: i64) -> ValueInfoProto {
    let dim = vec![
        Dimension {
            value: Some(DimensionValue::DimParam("N".into())),
        },
        Dimension {
            value: Some(DimensionValue::DimValue(cols)),
        },
    ];
    ValueInfoProto {
        name: name.to_string(),
        r#type: Some(TypeProto {
            tensor_type: Some(TypeTensor {
                elem_type: DATA_FLOAT,
                shape: Some(TensorShapeProto { dim }),
            }),
        }),
    }
}

/// Builds the graph node by node, naming intermediate values uniquely.
struct Builder {
    nodes: Vec<NodeProto>,
    init: Vec<TensorProto>,
    count: usize,
}

impl Builder {
    fn fresh(&mut self, stem: &str) -> String {
        self.count += 1;
        format!("{stem}_{}", self.count)
    }
    fn constant(&mut self, stem: &str, dims: &[i64], data: Vec<f32>) -> String {
        let name = self.fresh(stem);
        self.init.push(tensor(&name, dims, data));
        name
    }
    fn op(&mut self, op: &str, inputs: &[&str], attribute: Vec<AttributeProto>) -> String {
        let out = self.fresh(&op.to_lowercase());
        self.nodes.push(NodeProto {
            input: inputs.iter().map(|s| s.to_string()).collect(),
            output: vec![out.clone()],
            name: out.clone(),
            op_type: op.to_string(),
            attribute,
        });
        out
    }
    /// One activation applied to all of `x`.
    fn activation(&mut self, a: Activation, slope: f32, x: &str) -> String {
        match a {
            Activation::Sigmoid => self.op("Sigmoid", &[x], vec![]),
            Activation::Tanh => self.op("Tanh", &[x], vec![]),
            Activation::LeakyRelu => self.op(
                "LeakyRelu",
                &[x],
                vec![AttributeProto {
                    name: "alpha".into(),
                    f: slope,
                    r#type: ATTRIBUTE_FLOAT,
                }],
            ),
            Activation::Linear => x.to_string(),
        }
    }
}

/// The model as an ONNX file's bytes: input `x` `[N, d]` in the user's units (columns in the
/// order of `model.inputs`), output `y` `[N, 1]` in the target's units.
pub fn onnx(model: &Model) -> Vec<u8> {
    let mut b = Builder {
        nodes: Vec::new(),
        init: Vec::new(),
        count: 0,
    };
    let d = model.inputs.len();
    let (lo, hi) = (&model.input_scaling.min, &model.input_scaling.max);
    let scale: Vec<f32> = (0..d).map(|k| (2.0 / (hi[k] - lo[k])) as f32).collect();
    let shift: Vec<f32> = (0..d)
        .map(|k| (-2.0 * lo[k] / (hi[k] - lo[k]) - 1.0) as f32)
        .collect();
    let sc = b.constant("in_scale", &[d as i64], scale);
    let sh = b.constant("in_shift", &[d as i64], shift);
    let scaled = b.op("Mul", &["x", &sc], vec![]);
    let mut h = b.op("Add", &[&scaled, &sh], vec![]);
    for layer in model.network.layers() {
        let (i, o) = (layer.inputs() as i64, layer.outputs() as i64);
        let w = b.constant(
            "weight",
            &[i, o],
            layer.weights().iter().map(|v| *v as f32).collect(),
        );
        let bias = b.constant(
            "bias",
            &[o],
            layer.biases().iter().map(|v| *v as f32).collect(),
        );
        let mm = b.op("MatMul", &[&h, &w], vec![]);
        let z = b.op("Add", &[&mm, &bias], vec![]);
        let slope = layer.leaky_slope() as f32;
        let acts = layer.activations();
        h = if acts.iter().all(|a| *a == acts[0]) {
            b.activation(acts[0], slope, &z)
        } else {
            // Mixed activations: each applied to the whole layer, kept where its neurons are.
            let mut sum: Option<String> = None;
            for a in Activation::ALL {
                if !acts.contains(&a) {
                    continue;
                }
                let mask: Vec<f32> = acts.iter().map(|x| f32::from(u8::from(*x == a))).collect();
                let m = b.constant("act_mask", &[o], mask);
                let y = b.activation(a, slope, &z);
                let part = b.op("Mul", &[&y, &m], vec![]);
                sum = Some(match sum {
                    None => part,
                    Some(s) => b.op("Add", &[&s, &part], vec![]),
                });
            }
            sum.expect("a layer has neurons")
        };
    }
    let (olo, ohi) = (model.output_scaling.min, model.output_scaling.max);
    let os = b.constant("out_scale", &[1], vec![((ohi - olo) / 2.0) as f32]);
    let osh = b.constant("out_shift", &[1], vec![((ohi + olo) / 2.0) as f32]);
    let m = b.op("Mul", &[&h, &os], vec![]);
    let last = b.op("Add", &[&m, &osh], vec![]);
    b.nodes.push(NodeProto {
        input: vec![last],
        output: vec!["y".into()],
        name: "y".into(),
        op_type: "Identity".into(),
        attribute: vec![],
    });
    let graph = GraphProto {
        node: b.nodes,
        name: "swat".into(),
        initializer: b.init,
        input: vec![value_info("x", d as i64)],
        output: vec![value_info("y", 1)],
    };
    ModelProto {
        ir_version: 8,
        producer_name: "swat".into(),
        producer_version: env!("CARGO_PKG_VERSION").into(),
        doc_string: format!(
            "inputs (columns of x): {}; output: {}",
            model.inputs.join(", "),
            model.target
        ),
        graph: Some(graph),
        opset_import: vec![OperatorSetIdProto {
            domain: String::new(),
            version: 13,
        }],
    }
    .encode_to_vec()
}
