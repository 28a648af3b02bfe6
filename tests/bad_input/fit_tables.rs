//! Bad and odd tables given to `swat fit`: unreadable, numbers the arithmetic cannot take, too little data.

use super::*;

pub(super) fn cases() -> Vec<Case> {
    use Expect::{Fails, Works};
    let c = case;
    vec![
        // ---- fit: tables that cannot be read ----
        c(
            "fit missing file",
            "fit nope.csv",
            none,
            Fails(&["nope.csv"]),
        ),
        c(
            "fit empty file",
            "fit e.csv",
            |d| write(d, "e.csv", ""),
            Fails(&["e.csv", "empty"]),
        ),
        c(
            "fit header only",
            "fit h.csv",
            |d| write(d, "h.csv", "x,y\n"),
            Fails(&["h.csv", "no rows"]),
        ),
        c(
            "fit text cell",
            "fit b.csv",
            |d| write(d, "b.csv", "x1,x2,y\n1,2,3\n4,abc,6\n"),
            Fails(&["b.csv:3:2", "\"x2\"", "abc"]),
        ),
        c(
            "fit empty cell",
            "fit b.csv",
            |d| write(d, "b.csv", "x1,x2,y\n1,2,3\n4,,6\n"),
            Fails(&["b.csv:3:2", "empty cell"]),
        ),
        c(
            "fit inf cell",
            "fit b.csv",
            |d| write(d, "b.csv", "x1,y\n1,2\ninf,3\n"),
            Fails(&["b.csv:3:1", "not a finite"]),
        ),
        c(
            "fit nan cell",
            "fit b.csv",
            |d| write(d, "b.csv", "x1,y\n1,2\n3,NaN\n"),
            Fails(&["b.csv:3:2", "not a finite"]),
        ),
        c(
            "fit ragged row",
            "fit b.csv",
            |d| write(d, "b.csv", "x1,x2,y\n1,2,3\n4,5\n"),
            Fails(&["b.csv:3", "fields"]),
        ),
        c(
            "fit duplicate column",
            "fit b.csv",
            |d| write(d, "b.csv", "x,x,y\n1,2,3\n"),
            Fails(&["b.csv:1:2", "twice"]),
        ),
        c(
            "fit empty column name",
            "fit b.csv",
            |d| write(d, "b.csv", "x,,y\n1,2,3\n"),
            Fails(&["b.csv:1:2", "empty column name"]),
        ),
        c(
            "fit one column",
            "fit b.csv",
            |d| write(d, "b.csv", "y\n1\n2\n"),
            Fails(&["b.csv", "two columns"]),
        ),
        c(
            "fit constant target",
            "fit b.csv",
            |d| write(d, "b.csv", &table(60, |_, _| 3.0)),
            Fails(&["b.csv", "\"y\"", "constant"]),
        ),
        c(
            "fit unknown target",
            "fit train.csv --target nope",
            none,
            Fails(&["--target", "nope"]),
        ),
        c(
            "fit eight inputs without random starts",
            "fit w.csv --random-starts 0",
            |d| {
                write(
                    d,
                    "w.csv",
                    "a,b,c,e,f,g,h,i,y\n1,2,3,4,5,6,7,8,9\n2,3,4,5,6,7,8,9,1\n",
                )
            },
            Fails(&["w.csv", "at most 7"]),
        ),
        c(
            "fit huge cell quoted short",
            "fit b.csv",
            |d| {
                write(
                    d,
                    "b.csv",
                    &format!("x,y\n1,2\n{},3\n", "7".repeat(400_000) + "z"),
                )
            },
            Fails(&["b.csv:3:1", "characters"]),
        ),
        c(
            "fit binary garbage",
            "fit b.csv",
            |d| std::fs::write(d.join("b.csv"), [0xffu8, 0xfe, 0, 1, 2, 200]).unwrap(),
            Fails(&["b.csv"]),
        ),
        c(
            "fit a folder as table",
            "fit sub",
            |d| std::fs::create_dir(d.join("sub")).unwrap(),
            Fails(&["sub"]),
        ),
        c(
            "fit text columns listed with a tip",
            "fit t.csv",
            |d| write(d, "t.csv", "id,x,city,y\na,1,Oslo,2\nb,2,Rome,3\n"),
            Fails(&["t.csv:2:1", "\"city\"", "--ignore id,city"]),
        ),
        c(
            "fit ignore of an unknown column",
            "fit train.csv --ignore town",
            none,
            Fails(&["--ignore", "\"town\""]),
        ),
        c(
            "fit NA without drop-missing",
            "fit m.csv",
            |d| write(d, "m.csv", &format!("{}0.5,NA,1\n", table(40, bowl))),
            Fails(&["m.csv:42:2", "--drop-missing"]),
        ),
        c(
            "fit every row missing",
            "fit m.csv --drop-missing",
            |d| write(d, "m.csv", "x,y\n1,\n,2\n"),
            Fails(&["m.csv", "every one of its 2 rows"]),
        ),
        c(
            "fit ignoring text columns",
            quick!("fit t.csv --ignore id,city --out m.json"),
            |d| {
                write(
                    d,
                    "t.csv",
                    &table(60, bowl)
                        .lines()
                        .enumerate()
                        .map(|(i, l)| {
                            if i == 0 {
                                format!("id,{l},city")
                            } else {
                                format!("r{i},{l},Oslo")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            },
            Works(|d, o| {
                wrote(d, o, "m.json")?;
                if String::from_utf8_lossy(&o.stdout).contains("inputs used:") {
                    Ok(())
                } else {
                    Err("no list of the inputs used".into())
                }
            }),
        ),
        c(
            "fit dropping missing rows",
            quick!("fit m.csv --drop-missing --out m.json"),
            |d| {
                write(
                    d,
                    "m.csv",
                    &format!("{}0.5,NA,1\n,0.2,3\n", table(60, bowl)),
                )
            },
            Works(|d, o| {
                wrote(d, o, "m.json")?;
                if String::from_utf8_lossy(&o.stderr).contains("dropped 2 of 62 rows") {
                    Ok(())
                } else {
                    Err("no count of dropped rows".into())
                }
            }),
        ),
        // ---- fit: numbers the arithmetic cannot take ----
        c(
            "fit target near 1e300",
            "fit b.csv",
            |d| write(d, "b.csv", &table(60, |a, b| 1e300 * bowl(a, b))),
            Fails(&["b.csv", "\"y\"", "rescale"]),
        ),
        c(
            "fit subnormal target",
            "fit b.csv",
            |d| write(d, "b.csv", &table(60, |a, b| 1e-310 * bowl(a, b))),
            Fails(&["b.csv", "\"y\"", "rescale"]),
        ),
        c(
            "fit inputs scaled by 1e160",
            "fit b.csv",
            |d| {
                write(
                    d,
                    "b.csv",
                    &table(60, bowl)
                        .lines()
                        .enumerate()
                        .map(|(i, l)| {
                            if i == 0 {
                                l.to_string()
                            } else {
                                let v: Vec<&str> = l.split(',').collect();
                                format!("{}e160,{},{}", v[0], v[1], v[2])
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            },
            Fails(&["b.csv", "\"x1\"", "rescale"]),
        ),
        c(
            "fit test values near 1e300",
            "fit train.csv --test t.csv",
            |d| write(d, "t.csv", "x1,x2,x3,y\n0,0,0,1e300\n0.1,0.2,0.3,-1e300\n"),
            Fails(&["t.csv", "\"y\"", "rescale"]),
        ),
        // ---- fit: too little data ----
        c(
            "fit two rows",
            "fit b.csv",
            |d| write(d, "b.csv", "x,y\n1,2\n2,3\n"),
            Fails(&["b.csv", "training row", "at least"]),
        ),
        c(
            "fit three rows",
            "fit b.csv",
            |d| write(d, "b.csv", "x,y\n1,2\n2,3\n3,5\n"),
            Fails(&["b.csv", "training row"]),
        ),
        c(
            "fit four rows of two inputs",
            "fit b.csv",
            |d| write(d, "b.csv", &table(4, bowl)),
            Fails(&["b.csv", "training row"]),
        ),
        c(
            "fit nine rows: the linear model, scored by leave-one-out",
            "fit b.csv --out m.json",
            |d| write(d, "b.csv", &table(9, bowl)),
            Works(linear_by_leave_one_out),
        ),
        c(
            "fit fifteen rows: too few for folds, so the linear model by leave-one-out",
            "fit b.csv --out m.json --iterations 20 --depths 0,1",
            |d| write(d, "b.csv", &table(15, bowl)),
            Works(linear_by_leave_one_out),
        ),
        c(
            "fit fifteen rows with --folds 1: the one split asked for",
            "fit b.csv --out m.json --iterations 20 --depths 0,1 --folds 1",
            |d| write(d, "b.csv", &table(15, bowl)),
            Works(|d, o| {
                let model = written_model(d, o)?;
                if model.provenance.get("leave_one_out") == Some(&serde_json::Value::Bool(true)) {
                    Err(format!(
                        "leave-one-out though one split was asked for: {}",
                        String::from_utf8_lossy(&o.stdout)
                    ))
                } else {
                    Ok(())
                }
            }),
        ),
        c(
            "fit seventeen rows: enough for 5 folds",
            "fit b.csv --out m.json --iterations 20 --depths 0,1",
            |d| write(d, "b.csv", &table(17, bowl)),
            Works(|d, o| {
                let model = written_model(d, o)?;
                if model.provenance["folds"] != 5 {
                    Err(format!(
                        "not cross-validated: {}",
                        String::from_utf8_lossy(&o.stdout)
                    ))
                } else {
                    Ok(())
                }
            }),
        ),
        c(
            "fit nine rows of three inputs with depth 0 left out",
            "fit b.csv --depths 1,2",
            |d| write(d, "b.csv", &table(9, bowl)),
            Fails(&["b.csv", "training row"]),
        ),
        c(
            "fit valid fraction 0.999",
            "fit train.csv --valid-fraction 0.999",
            none,
            Fails(&["train.csv", "--valid-fraction", "training row"]),
        ),
        c(
            "fit valid fraction tiny",
            "fit b.csv --valid-fraction 0.01",
            |d| write(d, "b.csv", &table(40, bowl)),
            Fails(&["validation row", "--valid-fraction"]),
        ),
        c(
            "fit two validation rows",
            "fit train.csv --valid v.csv",
            |d| write(d, "v.csv", "x1,x2,x3,y\n0,0,0,1\n0.1,0.2,0.3,2\n"),
            Fails(&["--valid v.csv", "validation row"]),
        ),
        c(
            "fit constant validation target",
            "fit train.csv --valid v.csv",
            |d| {
                write(
                    d,
                    "v.csv",
                    "x1,x2,x3,y\n0,0,0,1\n0.1,0.2,0.3,1\n0.4,0.4,0.4,1\n",
                )
            },
            Fails(&["v.csv", "constant"]),
        ),
    ]
}

/// The model a case wrote to `m.json`.
fn written_model(d: &Path, o: &Output) -> Result<swat::Model, String> {
    wrote(d, o, "m.json")?;
    swat::Model::load(d.join("m.json")).map_err(|e| e.to_string())
}

/// A fit answered by the linear model on every row, scored by leave-one-out, saying why.
fn linear_by_leave_one_out(d: &Path, o: &Output) -> Result<(), String> {
    let model = written_model(d, o)?;
    let out = String::from_utf8_lossy(&o.stdout);
    if model.network.depth() != 0 || model.provenance["leave_one_out"] != true {
        Err(format!("not the linear model by leave-one-out: {out}"))
    } else if !out.contains("leave-one-out") || !out.contains("cross-validation would leave") {
        Err(format!(
            "the output does not say how it was scored and why: {out}"
        ))
    } else {
        Ok(())
    }
}
