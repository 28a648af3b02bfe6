//! Bad and odd input to `generate`, `train-ae` and `bench`.

use super::*;

pub(super) fn cases() -> Vec<Case> {
    use Expect::{Fails, Works};
    let c = case;
    vec![
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
