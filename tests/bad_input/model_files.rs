//! Bad and odd input to the commands that read a model file: `predict`, `show`, `export`.

use super::*;

pub(super) fn cases() -> Vec<Case> {
    use Expect::{Fails, Works};
    let c = case;
    vec![
        // ---- predict ----
        c(
            "predict missing model",
            "predict nope.json train.csv",
            none,
            Fails(&["nope.json"]),
        ),
        c(
            "predict broken model JSON",
            "predict b.json train.csv",
            |d| write(d, "b.json", "{\n  \"format\": \"swat-mlp\",\n"),
            Fails(&["b.json", "line"]),
        ),
        c(
            "predict wrong format",
            "predict b.json train.csv",
            |d| model_with(d, "b.json", |v| v["format"] = "onnx".into()),
            Fails(&["b.json", "format"]),
        ),
        c(
            "predict wrong version",
            "predict b.json train.csv",
            |d| model_with(d, "b.json", |v| v["version"] = 9.into()),
            Fails(&["b.json", "version"]),
        ),
        c(
            "predict stats that do not recount",
            "predict b.json train.csv",
            |d| model_with(d, "b.json", |v| v["stats"]["nonzero_weights"] = 999.into()),
            Fails(&["b.json"]),
        ),
        c(
            "predict duplicate input names",
            "predict b.json train.csv",
            |d| model_with(d, "b.json", |v| v["inputs"][2] = "x1".into()),
            Fails(&["b.json", "\"x1\"", "twice"]),
        ),
        c(
            "predict scaling of the wrong length",
            "predict b.json train.csv",
            |d| {
                model_with(d, "b.json", |v| {
                    v["input_scaling"]["min"] = serde_json::json!([0.0])
                })
            },
            Fails(&["b.json", "input_scaling"]),
        ),
        c(
            "predict a table without an input",
            "predict model.json b.csv",
            |d| write(d, "b.csv", "x1,x2,y\n1,2,3\n"),
            Fails(&["b.csv", "\"x3\""]),
        ),
        c(
            "predict text in an input",
            "predict model.json b.csv",
            |d| write(d, "b.csv", "x1,x2,x3\n1,2,3\n1,two,3\n"),
            Fails(&["b.csv:3:2", "\"x2\""]),
        ),
        c(
            "predict an empty table",
            "predict model.json e.csv",
            |d| write(d, "e.csv", ""),
            Fails(&["e.csv", "empty"]),
        ),
        c(
            "predict out is the table",
            "predict model.json train.csv --out train.csv",
            none,
            Fails(&["--out", "INPUT"]),
        ),
        c(
            "predict out is the model",
            "predict model.json train.csv --out model.json",
            none,
            Fails(&["--out", "MODEL"]),
        ),
        c(
            "predict out in a missing folder",
            "predict model.json train.csv --out no/p.csv",
            none,
            Fails(&["--out", "does not exist"]),
        ),
        c(
            "predict scaling that overflows",
            "predict b.json train.csv --out p.csv",
            |d| {
                model_with(d, "b.json", |v| {
                    v["output_scaling"]["min"] = (-1e308).into();
                    v["output_scaling"]["max"] = 1e308.into();
                })
            },
            Fails(&["train.csv", "not a finite"]),
        ),
        c(
            "predict input named like the prediction",
            "predict b.json train.csv",
            |d| model_with(d, "b.json", |v| v["inputs"][2] = "y_predicted".into()),
            Fails(&["b.json", "y_predicted"]),
        ),
        c(
            "predict a model with a BOM",
            "predict b.json train.csv --out p.csv",
            |d| {
                write(
                    d,
                    "b.json",
                    &format!(
                        "\u{feff}{}",
                        std::fs::read_to_string(example("teacher.json")).unwrap()
                    ),
                )
            },
            Works(|d, _| predictions_finite(d, "p.csv")),
        ),
        c(
            "predict ignores a text target",
            "predict model.json b.csv --out p.csv",
            |d| {
                write(
                    d,
                    "b.csv",
                    "x1,x2,x3,y\n0.1,0.2,0.3,high\n0.4,0.5,0.6,low\n",
                )
            },
            Works(|d, _| predictions_finite(d, "p.csv")),
        ),
        c(
            "predict ignores a blank target",
            "predict model.json b.csv --out p.csv",
            |d| write(d, "b.csv", "x1,x2,x3,y\n0.1,0.2,0.3,\n0.4,0.5,0.6,\n"),
            Works(|d, _| predictions_finite(d, "p.csv")),
        ),
        c(
            "predict ignores a text id column",
            "predict model.json b.csv --out p.csv",
            |d| {
                write(
                    d,
                    "b.csv",
                    "id,x3,x2,x1\nfirst,0.1,0.2,0.3\nsecond,0.4,0.5,0.6\n",
                )
            },
            Works(|d, _| predictions_finite(d, "p.csv")),
        ),
        c(
            "predict writes floats short",
            "predict b.json train.csv --out p.csv",
            |d| {
                model_with(d, "b.json", |v| {
                    v["output_scaling"]["min"] = 0.0.into();
                    v["output_scaling"]["max"] = 1e308.into();
                })
            },
            Works(|d, _| predictions_finite(d, "p.csv")),
        ),
        c(
            "predict to standard output",
            "predict model.json test.csv",
            none,
            Works(|_, o| {
                if o.stdout.is_empty() {
                    Err("no output".into())
                } else {
                    Ok(())
                }
            }),
        ),
        // ---- show ----
        c(
            "show missing model",
            "show nope.json",
            none,
            Fails(&["nope.json"]),
        ),
        c(
            "show broken model",
            "show b.json",
            |d| write(d, "b.json", "[1, 2"),
            Fails(&["b.json"]),
        ),
        c(
            "show svg over the model",
            "show model.json --svg model.json",
            none,
            Fails(&["--svg", "MODEL"]),
        ),
        c(
            "show svg in a missing folder",
            "show model.json --svg no/m.svg",
            none,
            Fails(&["--svg", "does not exist"]),
        ),
        c(
            "show svg is a folder",
            "show model.json --svg sub",
            |d| std::fs::create_dir(d.join("sub")).unwrap(),
            Fails(&["--svg", "folder"]),
        ),
        c(
            "show dot and svg together",
            "show model.json --dot --svg m.svg",
            none,
            Fails(&["--dot", "--svg"]),
        ),
        c(
            "show a model",
            "show model.json",
            none,
            Works(|_, o| {
                if String::from_utf8_lossy(&o.stdout).contains("inputs used: all 3 (x1, x2, x3)") {
                    Ok(())
                } else {
                    Err("no description".into())
                }
            }),
        ),
        c(
            "show an svg",
            "show model.json --svg m.svg",
            none,
            Works(|d, o| wrote(d, o, "m.svg")),
        ),
        // ---- export ----
        c(
            "export over the model",
            "export model.json --onnx model.json",
            none,
            Fails(&["--onnx", "MODEL"]),
        ),
        c(
            "export in a missing folder",
            "export model.json --onnx no/m.onnx",
            none,
            Fails(&["--onnx", "does not exist"]),
        ),
        c(
            "export a missing model",
            "export nope.json --onnx m.onnx",
            none,
            Fails(&["nope.json"]),
        ),
        c(
            "export a broken model",
            "export b.json --onnx m.onnx",
            |d| model_with(d, "b.json", |v| v["layers"] = serde_json::json!([])),
            Fails(&["b.json"]),
        ),
        c(
            "export without --onnx",
            "export model.json",
            none,
            Fails(&["--onnx"]),
        ),
        c(
            "export a model",
            "export model.json --onnx m.onnx",
            none,
            Works(|d, o| wrote(d, o, "m.onnx")),
        ),
    ]
}
