//! Bad and odd input, table-driven, across every command: each case runs the binary in a fresh
//! folder and asserts no panic, the right exit, a message naming the file / flag / column, every
//! input byte-identical afterwards and, on failure, nothing left behind. The counts it prints
//! are the reliability section of BENCHMARKS.md.

mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::Duration;

/// What a case must end in.
enum Expect {
    /// A non-zero exit whose message holds each of these.
    Fails(&'static [&'static str]),
    /// Exit 0, then this check of the folder and output.
    Works(fn(&Path, &Output) -> Result<(), String>),
}

struct Case {
    name: &'static str,
    /// Arguments, split on spaces; they run in the case's folder.
    args: &'static str,
    /// Extra files for the case (the shared fixtures are already there).
    setup: fn(&Path),
    expect: Expect,
    /// Files the command is asked to replace (`--overwrite`).
    may_change: &'static [&'static str],
}

fn example(f: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/sigmoid-depth2")
        .join(f)
}

/// The first `n` data rows of a shipped example file, with its header.
fn head(file: &str, n: usize) -> String {
    let text = std::fs::read_to_string(example(file)).unwrap();
    let mut s: String = text.lines().take(n + 1).collect::<Vec<_>>().join("\n");
    s.push('\n');
    s
}

/// Shared fixtures: a small table (train / valid / test), a model file and a tiny resumable
/// autoencoder run.
fn fixtures() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("train.csv"), head("train.csv", 120)).unwrap();
        std::fs::write(p.join("valid.csv"), head("valid.csv", 40)).unwrap();
        std::fs::write(p.join("test.csv"), head("test.csv", 40)).unwrap();
        std::fs::copy(example("teacher.json"), p.join("model.json")).unwrap();
        Command::cargo_bin("swat")
            .unwrap()
            .args(["train-ae", "--steps", "2", "--valid-every", "2", "--out"])
            .arg(p.join("run"))
            .args(common::TINY_AE)
            .assert()
            .success();
        for f in ["loss.png", "r2.png"] {
            let _ = std::fs::remove_file(p.join("run").join(f));
        }
        dir
    })
    .path()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), Vec::new());
            }
        }
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A table of `n` rows of y = f(x1, x2) on a grid-like spread of inputs.
fn table(n: usize, f: fn(f64, f64) -> f64) -> String {
    let mut s = String::from("x1,x2,y\n");
    for i in 0..n {
        let x1 = ((i * 37) % 101) as f64 / 50.0 - 1.0;
        let x2 = ((i * 53) % 97) as f64 / 48.0 - 1.0;
        s.push_str(&format!("{x1},{x2},{}\n", f(x1, x2)));
    }
    s
}

fn bowl(a: f64, b: f64) -> f64 {
    a * a + 0.5 * b
}

/// A model file with its JSON changed by `edit`.
fn model_with(dir: &Path, name: &str, edit: fn(&mut serde_json::Value)) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("teacher.json")).unwrap()).unwrap();
    edit(&mut v);
    write(dir, name, &serde_json::to_string_pretty(&v).unwrap());
}

fn none(_: &Path) {}

/// A quick fit's flags, appended by cases that are expected to finish.
macro_rules! quick {
    ($s:literal) => {
        concat!(
            $s,
            " --iterations 5 --depths 1 --restarts 1 --random-starts 1"
        )
    };
}

fn wrote(dir: &Path, out: &Output, file: &str) -> Result<(), String> {
    if !dir.join(file).exists() {
        return Err(format!(
            "{file} missing; stdout {}",
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    Ok(())
}

fn predictions_finite(dir: &Path, file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())?;
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let v: f64 = cell.parse().map_err(|_| format!("{cell:?} in {file}"))?;
            if !v.is_finite() || cell.len() > 30 {
                return Err(format!("{cell:?} in {file}"));
            }
        }
    }
    Ok(())
}

fn case(name: &'static str, args: &'static str, setup: fn(&Path), expect: Expect) -> Case {
    Case {
        name,
        args,
        setup,
        expect,
        may_change: &[],
    }
}

fn cases() -> Vec<Case> {
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
            Works(|d, o| {
                wrote(d, o, "m.json")?;
                let model = swat::Model::load(d.join("m.json")).map_err(|e| e.to_string())?;
                let out = String::from_utf8_lossy(&o.stdout);
                if model.network.depth() != 0 || model.provenance["leave_one_out"] != true {
                    Err(format!("not the linear model by leave-one-out: {out}"))
                } else if !out.contains("leave-one-out") {
                    Err(format!("the output does not say how it was scored: {out}"))
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
        // ---- fit: flags ----
        c(
            "fit valid fraction 0",
            "fit train.csv --valid-fraction 0",
            none,
            Fails(&["--valid-fraction"]),
        ),
        c(
            "fit valid fraction 1.5",
            "fit train.csv --valid-fraction 1.5",
            none,
            Fails(&["--valid-fraction"]),
        ),
        c(
            "fit valid fraction negative",
            "fit train.csv --valid-fraction -0.1",
            none,
            Fails(&["--valid-fraction", "-0.1"]),
        ),
        c(
            "fit valid fraction text",
            "fit train.csv --valid-fraction half",
            none,
            Fails(&["--valid-fraction"]),
        ),
        c(
            "fit tolerance negative",
            "fit train.csv --tolerance -1",
            none,
            Fails(&["--tolerance", "-1"]),
        ),
        c(
            "fit tolerance negative with =",
            "fit train.csv --tolerance=-1",
            none,
            Fails(&["--tolerance"]),
        ),
        c(
            "fit tolerance nan",
            "fit train.csv --tolerance NaN",
            none,
            Fails(&["--tolerance"]),
        ),
        c(
            "fit seed negative",
            "fit train.csv --seed -1",
            none,
            Fails(&["--seed", "-1"]),
        ),
        c(
            "fit r2 slack 1",
            "fit train.csv --r2-slack 1",
            none,
            Fails(&["--r2-slack"]),
        ),
        c(
            "fit r2 slack negative",
            "fit train.csv --r2-slack -0.1",
            none,
            Fails(&["--r2-slack"]),
        ),
        c(
            "fit sparsity negative",
            "fit train.csv --sparsity -2",
            none,
            Fails(&["--sparsity"]),
        ),
        c(
            "fit iterations 0",
            "fit train.csv --iterations 0",
            none,
            Fails(&["--iterations"]),
        ),
        c(
            "fit depth 0 with the paper method",
            "fit train.csv --method paper --depths 0",
            none,
            Fails(&["--depths"]),
        ),
        c(
            "fit depth 9",
            "fit train.csv --depths 9",
            none,
            Fails(&["--depths", "9"]),
        ),
        c(
            "fit depth text",
            "fit train.csv --depths one",
            none,
            Fails(&["--depths"]),
        ),
        c(
            "fit no starts",
            "fit train.csv --restarts 0 --random-starts 0",
            none,
            Fails(&["--restarts", "--random-starts"]),
        ),
        c(
            "fit paper without restarts",
            "fit train.csv --method paper --restarts 0",
            none,
            Fails(&["--restarts"]),
        ),
        c(
            "fit paper with prior",
            "fit train.csv --method paper --latent-init prior",
            none,
            Fails(&["--latent-init"]),
        ),
        c(
            "fit unknown method",
            "fit train.csv --method magic",
            none,
            Fails(&["--method", "magic"]),
        ),
        c(
            "fit unknown activation",
            "fit train.csv --random-activations relu6",
            none,
            Fails(&["--random-activations", "relu6"]),
        ),
        c(
            "fit unknown flag",
            "fit train.csv --speed 3",
            none,
            Fails(&["--speed"]),
        ),
        c("fit no table", "fit", none, Fails(&["TRAIN"])),
        // ---- fit: outputs that would cost data ----
        c(
            "fit out is the table",
            "fit train.csv --out train.csv",
            none,
            Fails(&["--out", "TRAIN", "same file"]),
        ),
        c(
            "fit out is the table, other spelling",
            "fit train.csv --out ./train.csv",
            none,
            Fails(&["--out", "TRAIN"]),
        ),
        c(
            "fit out is the test table",
            "fit train.csv --test test.csv --out test.csv",
            none,
            Fails(&["--out", "--test"]),
        ),
        c(
            "fit out is the valid table",
            "fit train.csv --valid valid.csv --out valid.csv",
            none,
            Fails(&["--out", "--valid"]),
        ),
        c(
            "fit out is a link to the table",
            "fit train.csv --out link.csv",
            |d| std::os::unix::fs::symlink(d.join("train.csv"), d.join("link.csv")).unwrap(),
            Fails(&["--out", "TRAIN"]),
        ),
        c(
            "fit out is a hard link to the table",
            "fit train.csv --out hard.csv",
            |d| std::fs::hard_link(d.join("train.csv"), d.join("hard.csv")).unwrap(),
            Fails(&["--out", "TRAIN"]),
        ),
        c(
            "fit out is the autoencoder",
            "fit train.csv --autoencoder run/checkpoint.swatae --out run/checkpoint.swatae",
            none,
            Fails(&["--out", "--autoencoder"]),
        ),
        c(
            "fit report would replace the table",
            "fit report.md --report .",
            |d| write(d, "report.md", &head("train.csv", 120)),
            Fails(&["--report", "TRAIN"]),
        ),
        c(
            "fit out in a missing folder",
            "fit train.csv --out no/such/m.json",
            none,
            Fails(&["--out", "does not exist"]),
        ),
        c(
            "fit out is a folder",
            "fit train.csv --out sub",
            |d| std::fs::create_dir(d.join("sub")).unwrap(),
            Fails(&["--out", "folder"]),
        ),
        c(
            "fit report is a file",
            "fit train.csv --report r.txt",
            |d| write(d, "r.txt", "keep"),
            Fails(&["--report", "r.txt"]),
        ),
        c(
            "fit report in a missing tree under a file",
            "fit train.csv --report r.txt/deeper",
            |d| write(d, "r.txt", "keep"),
            Fails(&["--report"]),
        ),
        // ---- fit: companions ----
        c(
            "fit missing test file",
            "fit train.csv --test nope.csv",
            none,
            Fails(&["nope.csv"]),
        ),
        c(
            "fit valid columns differ",
            "fit train.csv --valid v.csv",
            |d| write(d, "v.csv", "a,b,c,y\n0,0,0,1\n1,1,1,2\n0.5,0.2,0.1,3\n"),
            Fails(&["--valid v.csv", "differ"]),
        ),
        c(
            "fit test columns differ",
            "fit train.csv --test t.csv",
            |d| write(d, "t.csv", "x1,x2,zz,y\n0,0,0,1\n1,1,1,2\n"),
            Fails(&["--test t.csv", "differ"]),
        ),
        c(
            "fit autoencoder missing",
            "fit train.csv --autoencoder nope.swatae",
            none,
            Fails(&["--autoencoder", "nope.swatae"]),
        ),
        c(
            "fit autoencoder garbage",
            "fit train.csv --autoencoder g.swatae",
            |d| write(d, "g.swatae", "not a checkpoint at all"),
            Fails(&["--autoencoder", "g.swatae", "magic"]),
        ),
        c(
            "fit autoencoder truncated",
            "fit train.csv --autoencoder t.swatae",
            |d| {
                let b = std::fs::read(d.join("run/checkpoint.swatae")).unwrap();
                std::fs::write(d.join("t.swatae"), &b[..b.len() / 2]).unwrap()
            },
            Fails(&["--autoencoder", "t.swatae"]),
        ),
        c(
            "fit autoencoder unknown bundle",
            "fit train.csv --autoencoder bundled:nope",
            none,
            Fails(&["bundled:nope", "swat3"]),
        ),
        c(
            "fit autoencoder narrower than the table",
            "fit b.csv --autoencoder bundled:swat3 --random-starts 0",
            |d| write(d, "b.csv", "a,b,c,e,y\n1,2,3,4,5\n2,3,4,5,1\n"),
            Fails(&["b.csv", "at most 3"]),
        ),
        // ---- fit: odd input that is fine ----
        c(
            "fit tab separated",
            quick!("fit b.tsv --out m.json"),
            |d| write(d, "b.tsv", &table(60, bowl).replace(',', "\t")),
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        c(
            "fit blank lines and spaces",
            quick!("fit b.csv --out m.json"),
            |d| {
                write(
                    d,
                    "b.csv",
                    &table(60, bowl).replace('\n', "\n\n").replace(',', " , "),
                )
            },
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        c(
            "fit a BOM before the header",
            quick!("fit b.csv --out m.json"),
            |d| write(d, "b.csv", &format!("\u{feff}{}", table(60, bowl))),
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        c(
            "fit CRLF line ends",
            quick!("fit b.csv --out m.json"),
            |d| write(d, "b.csv", &table(60, bowl).replace('\n', "\r\n")),
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        c(
            "fit a constant input column",
            quick!("fit b.csv --out m.json"),
            |d| {
                write(
                    d,
                    "b.csv",
                    &table(60, bowl)
                        .lines()
                        .enumerate()
                        .map(|(i, l)| {
                            if i == 0 {
                                format!("k,{l}")
                            } else {
                                format!("5,{l}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            },
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        c(
            "fit large but representable units",
            quick!("fit b.csv --out m.json"),
            |d| write(d, "b.csv", &table(60, |a, b| 1e100 * bowl(a, b))),
            Works(|d, o| wrote(d, o, "m.json")),
        ),
        Case {
            may_change: &["model-old.json"],
            ..c(
                "fit out replaces an older model",
                quick!("fit train.csv --out model-old.json"),
                |d| write(d, "model-old.json", "{}"),
                Works(|d, o| wrote(d, o, "model-old.json")),
            )
        },
        c(
            "fit report into a new folder",
            quick!("fit train.csv --out m.json --report rep/sub"),
            none,
            Works(|d, o| wrote(d, o, "rep/sub/report.md")),
        ),
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
        // ---- generate ----
        c(
            "generate widths the wrong way round",
            "generate --preset paper2024 --min-width 6 --max-width 3 --out g",
            none,
            Fails(&["--min-width", "--max-width"]),
        ),
        c(
            "generate zero min width",
            "generate --preset paper2024 --min-width 0 --out g",
            none,
            Fails(&["--min-width"]),
        ),
        c(
            "generate over an existing table",
            "generate --rows 100 --out .",
            none,
            Fails(&["--out", "train.csv", "--overwrite"]),
        ),
        c(
            "generate over an existing function table",
            "generate --function booth --rows 100 --out .",
            none,
            Fails(&["--out", "--overwrite"]),
        ),
        c(
            "generate into a file",
            "generate --rows 100 --out train.csv",
            none,
            Fails(&["--out", "train.csv"]),
        ),
        c(
            "generate sparsity 1.5",
            "generate --sparsity 1.5 --out g",
            none,
            Fails(&["--sparsity"]),
        ),
        c(
            "generate depth 0",
            "generate --depth 0 --out g",
            none,
            Fails(&["--depth"]),
        ),
        c(
            "generate width 0",
            "generate --width 0 --out g",
            none,
            Fails(&["--width"]),
        ),
        c(
            "generate one row",
            "generate --rows 1 --out g",
            none,
            Fails(&["--rows"]),
        ),
        c(
            "generate unknown function",
            "generate --function sombrero --out g",
            none,
            Fails(&["--function", "sombrero"]),
        ),
        c(
            "generate function with one row",
            "generate --function booth --rows 1 --out g",
            none,
            Fails(&["--rows"]),
        ),
        c(
            "generate zero inputs",
            "generate --inputs 0 --out g",
            none,
            Fails(&["--inputs"]),
        ),
        c(
            "generate zero batches",
            "generate --preset paper2024 --batches 0 --out g",
            none,
            Fails(&["--batches"]),
        ),
        c(
            "generate seed negative",
            "generate --seed -5 --out g",
            none,
            Fails(&["--seed", "-5"]),
        ),
        c(
            "generate weight scale negative",
            "generate --weight-scale -1 --out g",
            none,
            Fails(&["--weight-scale"]),
        ),
        c(
            "generate unknown preset",
            "generate --preset paper2023 --out g",
            none,
            Fails(&["--preset"]),
        ),
        Case {
            may_change: &["train.csv", "valid.csv", "test.csv"],
            ..c(
                "generate over a table when told to",
                "generate --rows 100 --out . --overwrite",
                none,
                Works(|d, o| wrote(d, o, "teacher.json")),
            )
        },
        // ---- train-ae ----
        c(
            "train-ae export with out",
            "train-ae --out x --export-weights w.swatae",
            none,
            Fails(&["--export-weights", "--resume"]),
        ),
        c(
            "train-ae export over its checkpoint",
            "train-ae --resume run --export-weights run/checkpoint.swatae",
            none,
            Fails(&["--export-weights", "--resume"]),
        ),
        c(
            "train-ae export over its log",
            "train-ae --resume run --export-weights run/log.csv",
            none,
            Fails(&["--export-weights", "--resume"]),
        ),
        c(
            "train-ae export into a missing folder",
            "train-ae --resume run --export-weights no/w.swatae",
            none,
            Fails(&["--export-weights", "does not exist"]),
        ),
        c(
            "train-ae resume a missing run",
            "train-ae --resume nope --steps 3",
            none,
            Fails(&["nope"]),
        ),
        c(
            "train-ae resume a corrupted run",
            "train-ae --resume bad --steps 3",
            |d| {
                std::fs::create_dir(d.join("bad")).unwrap();
                let mut b = std::fs::read(d.join("run/checkpoint.swatae")).unwrap();
                let k = b.len() / 2;
                b[k] ^= 0xff;
                std::fs::write(d.join("bad/checkpoint.swatae"), b).unwrap()
            },
            Fails(&["bad", "checksum"]),
        ),
        c(
            "train-ae resume without steps",
            "train-ae --resume run",
            none,
            Fails(&["--steps", "--minutes"]),
        ),
        c(
            "train-ae resume weights only",
            "train-ae --resume w --steps 3",
            |d| {
                std::fs::create_dir(d.join("w")).unwrap();
                let ck =
                    swat::autoencoder::Checkpoint::load(&d.join("run/checkpoint.swatae")).unwrap();
                ck.weights_only()
                    .save(&d.join("w/checkpoint.swatae"))
                    .unwrap()
            },
            Fails(&["--resume", "weights only"]),
        ),
        c(
            "train-ae sparsities 1.5",
            "train-ae --out x --sparsities 1.5",
            none,
            Fails(&["--sparsities", "1.5"]),
        ),
        c(
            "train-ae sparsities negative",
            "train-ae --out x --sparsities -0.5",
            none,
            Fails(&["--sparsities"]),
        ),
        c(
            "train-ae nine inputs",
            "train-ae --out x --preset swat --inputs 9",
            none,
            Fails(&["--inputs"]),
        ),
        c(
            "train-ae checkpoint every 0",
            "train-ae --out x --checkpoint-every 0",
            none,
            Fails(&["--checkpoint-every"]),
        ),
        c(
            "train-ae out holds a run",
            "train-ae --out run --steps 3",
            none,
            Fails(&["--out", "--resume"]),
        ),
        c(
            "train-ae out is a file",
            "train-ae --out train.csv --steps 3",
            none,
            Fails(&["--out", "train.csv"]),
        ),
        c(
            "train-ae generic share with fast",
            "train-ae --out x --arch fast --generic-share 0.5",
            none,
            Fails(&["--generic-share"]),
        ),
        c(
            "train-ae learning rate negative",
            "train-ae --out x --lr -1",
            none,
            Fails(&["--lr"]),
        ),
        c(
            "train-ae unknown preset",
            "train-ae --out x --preset cornn",
            none,
            Fails(&["--preset"]),
        ),
        c(
            "train-ae seed negative",
            "train-ae --out x --seed -3",
            none,
            Fails(&["--seed"]),
        ),
        c(
            "train-ae weight scale 0",
            "train-ae --out x --weight-scale 0",
            none,
            Fails(&["--weight-scale"]),
        ),
        c(
            "train-ae bias scale on paper teachers",
            "train-ae --out x --bias-scale 1",
            none,
            Fails(&["--bias-scale"]),
        ),
        c(
            "train-ae export weights",
            "train-ae --resume run --export-weights w.swatae",
            none,
            Works(|d, o| wrote(d, o, "w.swatae")),
        ),
        // ---- bench ----
        c(
            "bench out is a file",
            "bench cornn --quick --out train.csv",
            none,
            Fails(&["--out", "train.csv"]),
        ),
        c(
            "bench shard out of range",
            "bench cornn --quick --shard 3/2 --out b",
            none,
            Fails(&["--shard"]),
        ),
        c(
            "bench shard malformed",
            "bench cornn --quick --shard half --out b",
            none,
            Fails(&["--shard"]),
        ),
        c(
            "bench missing autoencoder",
            "bench cornn --quick --autoencoder nope.swatae --out b",
            none,
            Fails(&["--autoencoder", "nope.swatae"]),
        ),
        c(
            "bench folder of another run",
            "bench cornn --quick --out b",
            |d| {
                std::fs::create_dir(d.join("b")).unwrap();
                write(d, "b/run.json", "{\"suite\": \"paper\"}")
            },
            Fails(&["--out", "other settings"]),
        ),
        c(
            "bench folder with a broken run file",
            "bench cornn --quick --out b",
            |d| {
                std::fs::create_dir(d.join("b")).unwrap();
                write(d, "b/run.json", "{")
            },
            Fails(&["run.json"]),
        ),
        c(
            "bench merge of nothing",
            "bench merge nope --out m",
            none,
            Fails(&["nope", "results.csv"]),
        ),
        c(
            "bench unknown suite",
            "bench srbench",
            none,
            Fails(&["srbench"]),
        ),
    ]
}

/// A clause (text between ": ") said twice in one message, as a wrapped error that quotes
/// its cause would.
fn repeated_part(message: &str) -> Option<String> {
    let parts: Vec<&str> = message.split(": ").map(str::trim).collect();
    parts
        .iter()
        .enumerate()
        .find(|(k, p)| p.len() > 12 && parts[..*k].contains(p))
        .map(|(_, p)| p.to_string())
}

#[test]
fn a_repeated_clause_is_found() {
    assert!(
        repeated_part("a.json: No such file or directory: No such file or directory").is_some()
    );
    assert!(repeated_part("--out x is the same file as TRAIN x: choose another").is_none());
}

/// Runs one case; returns what went wrong and whether it was a panic or lost data.
fn run(case: &Case) -> (Vec<String>, bool, bool, bool) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fx = fixtures();
    for f in ["train.csv", "valid.csv", "test.csv", "model.json"] {
        std::fs::copy(fx.join(f), d.join(f)).unwrap();
    }
    std::fs::create_dir(d.join("run")).unwrap();
    for f in ["checkpoint.swatae", "log.csv"] {
        std::fs::copy(fx.join("run").join(f), d.join("run").join(f)).unwrap();
    }
    (case.setup)(d);
    let before = snapshot(d);
    let out = Command::cargo_bin("swat")
        .unwrap()
        .current_dir(d)
        .args(case.args.split(' '))
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let after = snapshot(d);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut problems = Vec::new();
    let panicked = stderr.contains("panicked") || out.status.code() == Some(101);
    if panicked {
        problems.push(format!("panicked: {stderr}"));
    }
    let mut lost = false;
    for (path, bytes) in &before {
        if case.may_change.iter().any(|m| Path::new(m) == path) {
            continue;
        }
        match after.get(path) {
            Some(b) if b == bytes => {}
            _ => {
                lost = true;
                problems.push(format!("{} was changed or removed", path.display()));
            }
        }
    }
    let mut wrong_exit = false;
    match &case.expect {
        Expect::Fails(needles) => {
            if out.status.success() {
                wrong_exit = true;
                problems.push("exited 0".into());
            }
            for n in *needles {
                if !stderr.contains(n) {
                    problems.push(format!("message lacks {n:?}"));
                }
            }
            if stderr.len() > 2000 {
                problems.push(format!("message of {} bytes", stderr.len()));
            }
            if stderr.matches("error:").count() > 1 {
                problems.push("more than one error message".into());
            }
            if let Some(part) = repeated_part(&stderr) {
                problems.push(format!("the message repeats {part:?}"));
            }
            let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
            if !new.is_empty() {
                problems.push(format!("left behind {new:?}"));
            }
            if !problems.is_empty() {
                problems.push(format!("stderr: {stderr}"));
            }
        }
        Expect::Works(check) => {
            if !out.status.success() {
                wrong_exit = true;
                problems.push(format!("failed: {stderr}"));
            } else if let Err(e) = check(d, &out) {
                problems.push(e);
            }
            if after
                .keys()
                .any(|k| k.to_string_lossy().contains(".swat-tmp-"))
            {
                problems.push("a temporary file was left behind".into());
            }
        }
    }
    (problems, panicked, lost, wrong_exit)
}

#[test]
fn bad_and_odd_input_is_refused_clearly_and_never_costs_data() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let (mut panics, mut lost, mut wrong, mut failed) = (0, 0, 0, Vec::new());
    for case in &cases {
        let (problems, p, l, w) = run(case);
        panics += p as usize;
        lost += l as usize;
        wrong += w as usize;
        if !problems.is_empty() {
            failed.push(format!(
                "{} (`swat {}`):\n  {}",
                case.name,
                case.args,
                problems.join("\n  ")
            ));
        }
    }
    println!(
        "{} cases: {panics} panics, {lost} with data lost, {wrong} with the wrong exit, {} failing",
        cases.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_train_ae_with_a_checkpoint_that_resumes_step_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (cut, straight) = (dir.path().join("cut"), dir.path().join("straight"));
    let bin = assert_cmd::cargo::cargo_bin("swat");
    let mut child = std::process::Command::new(&bin)
        .args(["train-ae", "--steps", "1000000", "--checkpoint-every", "5"])
        .args(["--valid-every", "1000000", "--out"])
        .arg(&cut)
        .args(common::TINY_AE)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it is training (its first checkpoint is there), then ask it to stop as
    // `timeout` would.
    let started = std::time::Instant::now();
    while !cut.join("checkpoint.swatae").exists() {
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "SIGTERM exits like Ctrl-C");
    let ckpt = swat::autoencoder::Checkpoint::load(&cut.join("checkpoint.swatae"))
        .expect("SIGTERM writes the checkpoint");
    let n = ckpt.meta.step;
    assert!(n >= 5, "stopped at step {n}");
    assert!(std::fs::read_dir(&cut)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".swat-tmp-")));
    let total = (n + 3).to_string();
    Command::cargo_bin("swat")
        .unwrap()
        .args(["train-ae", "--resume"])
        .arg(&cut)
        .args(["--steps", &total])
        .assert()
        .success();
    Command::cargo_bin("swat")
        .unwrap()
        .args([
            "train-ae",
            "--steps",
            &total,
            "--checkpoint-every",
            "1000000",
        ])
        .args(["--valid-every", "1000000", "--out"])
        .arg(&straight)
        .args(common::TINY_AE)
        .assert()
        .success();
    let a = swat::autoencoder::Checkpoint::load(&cut.join("checkpoint.swatae")).unwrap();
    let b = swat::autoencoder::Checkpoint::load(&straight.join("checkpoint.swatae")).unwrap();
    assert_eq!(a.meta.step, b.meta.step);
    // Parameters, not record bytes: a record also holds per-process parameter ids.
    let weights = |c: &swat::autoencoder::Checkpoint| {
        swat::autoencoder::Trainer::resume(c)
            .unwrap()
            .model()
            .parameters()
    };
    assert!(
        weights(&a) == weights(&b),
        "interrupted at step {n} and resumed, the run differs from one that never stopped"
    );
}
