//! `swat fit` flags, outputs that would cost data, companion files, and odd input that is fine.

use super::*;

pub(super) fn cases() -> Vec<Case> {
    use Expect::{Fails, Works};
    let c = case;
    vec![
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
            "fit autoencoder repeated, the second garbage",
            "fit train.csv --autoencoder bundled:swat3 --autoencoder g.swatae",
            |d| write(d, "g.swatae", "not a checkpoint at all"),
            Fails(&["--autoencoder", "g.swatae", "magic"]),
        ),
        c(
            "fit autoencoder repeated: both searched",
            quick!(
                "fit b.csv --out m.json --folds 1 --autoencoder bundled:swat7 --autoencoder bundled:swat3"
            ),
            |d| write(d, "b.csv", &table(60, bowl)),
            Works(|d, o| {
                wrote(d, o, "m.json")?;
                let stdout = String::from_utf8_lossy(&o.stdout);
                // One line per autoencoder, each with its own decoded starts' verdict.
                let searched = |n: &str| {
                    stdout.lines().any(|l| {
                        l.starts_with(&format!("bundled {n}: depth"))
                            && l.contains("decoded starts won")
                    })
                };
                match ["swat3", "swat7"].into_iter().find(|n| !searched(n)) {
                    Some(n) => Err(format!("{n} not searched; stdout {stdout}")),
                    None => Ok(()),
                }
            }),
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
    ]
}
