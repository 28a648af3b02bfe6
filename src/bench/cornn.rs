//! The 54 two-input regression functions of the CORNN benchmark (Malan & Cleghorn, 2022), on
//! CORNN's domains, as CORNN computes them: five differ from their textbook forms (Deckkers-Aarts,
//! Goldstein-Price, Qing, Shubert, Styblinski-Tang; noted below), and CORNN's data follows these.
//! In: a name; out: a `Function` (formula, domain) to draw datasets from.

use super::functions::Function;
use std::f64::consts::{E, PI};

fn sq(v: f64) -> f64 {
    v * v
}

fn r2(x: f64, y: f64) -> f64 {
    x * x + y * y
}

/// The functions in CORNN's order (sorted by its function names).
pub const CORNN: [Function; 54] = [
    Function {
        name: "Ackley",
        domain: [(-32.0, 32.0), (-32.0, 32.0)],
        formula: "−20·exp(−0.2·√(0.5·(x1² + x2²))) − exp(0.5·(cos 2πx1 + cos 2πx2)) + 20 + e",
        f: |x, y| {
            -20.0 * (-0.2 * (0.5 * r2(x, y)).sqrt()).exp()
                - (0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos())).exp()
                + 20.0
                + E
        },
    },
    Function {
        name: "Ackley N.2",
        domain: [(-32.0, 32.0), (-32.0, 32.0)],
        formula: "−200·exp(−0.2·√(x1² + x2²))",
        f: |x, y| -200.0 * (-0.2 * r2(x, y).sqrt()).exp(),
    },
    Function {
        name: "Ackley N.3",
        domain: [(-32.0, 32.0), (-32.0, 32.0)],
        formula: "−200·exp(−0.2·√(x1² + x2²)) + 5·exp(cos 3x1 + sin 3x2)",
        f: |x, y| {
            -200.0 * (-0.2 * r2(x, y).sqrt()).exp()
                + 5.0 * ((3.0 * x).cos() + (3.0 * y).sin()).exp()
        },
    },
    Function {
        name: "Ackley N.4",
        domain: [(-35.0, 35.0), (-35.0, 35.0)],
        formula: "exp(−0.2)·√(x1² + x2²) + 3·(cos 2x1 + sin 2x2)",
        f: |x, y| (-0.2f64).exp() * r2(x, y).sqrt() + 3.0 * ((2.0 * x).cos() + (2.0 * y).sin()),
    },
    Function {
        name: "Adjiman",
        domain: [(-1.0, 2.0), (-1.0, 1.0)],
        formula: "cos x1 · sin x2 − x1 / (x2² + 1)",
        f: |x, y| x.cos() * y.sin() - x / (y * y + 1.0),
    },
    Function {
        name: "Alpine N.1",
        domain: [(0.0, 10.0), (0.0, 10.0)],
        formula: "|x1·sin x1 + 0.1·x1| + |x2·sin x2 + 0.1·x2|",
        f: |x, y| (x * x.sin() + 0.1 * x).abs() + (y * y.sin() + 0.1 * y).abs(),
    },
    Function {
        name: "Alpine N.2",
        domain: [(0.0, 10.0), (0.0, 10.0)],
        formula: "√x1·sin x1 · √x2·sin x2",
        f: |x, y| x.sqrt() * x.sin() * y.sqrt() * y.sin(),
    },
    Function {
        name: "Bartels Conn",
        domain: [(-500.0, 500.0), (-500.0, 500.0)],
        formula: "|x1² + x2² + x1·x2| + |sin x1| + |cos x2|",
        f: |x, y| (x * x + y * y + x * y).abs() + x.sin().abs() + y.cos().abs(),
    },
    Function {
        name: "Beale",
        domain: [(-4.5, 4.5), (-4.5, 4.5)],
        formula: "(1.5 − x1 + x1·x2)² + (2.25 − x1 + x1·x2²)² + (2.625 − x1 + x1·x2³)²",
        f: |x, y| sq(1.5 - x + x * y) + sq(2.25 - x + x * y * y) + sq(2.625 - x + x * y * y * y),
    },
    Function {
        name: "Bird",
        domain: [(-2.0 * PI, 2.0 * PI), (-2.0 * PI, 2.0 * PI)],
        formula: "sin x1 · exp((1 − cos x2)²) + cos x2 · exp((1 − sin x1)²) + (x1 − x2)²",
        f: |x, y| x.sin() * sq(1.0 - y.cos()).exp() + y.cos() * sq(1.0 - x.sin()).exp() + sq(x - y),
    },
    Function {
        name: "Bohachevsky N.1",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "x1² + 2·x2² − 0.3·cos 3πx1 − 0.4·cos 4πx2 + 0.7",
        f: |x, y| {
            x * x + 2.0 * y * y - 0.3 * (3.0 * PI * x).cos() - 0.4 * (4.0 * PI * y).cos() + 0.7
        },
    },
    Function {
        name: "Bohachevsky N.2",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "x1² + 2·x2² − 0.3·cos 3πx1 · cos 4πx2 + 0.3",
        f: |x, y| x * x + 2.0 * y * y - 0.3 * (3.0 * PI * x).cos() * (4.0 * PI * y).cos() + 0.3,
    },
    Function {
        name: "Booth",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "(x1 + 2·x2 − 7)² + (2·x1 + x2 − 5)²",
        f: |x, y| sq(x + 2.0 * y - 7.0) + sq(2.0 * x + y - 5.0),
    },
    Function {
        name: "Brent",
        domain: [(-20.0, 0.0), (-20.0, 0.0)],
        formula: "(x1 + 10)² + (x2 + 10)² + exp(−x1² − x2²)",
        f: |x, y| sq(x + 10.0) + sq(y + 10.0) + (-x * x - y * y).exp(),
    },
    Function {
        name: "Brown",
        domain: [(-1.0, 1.0), (-1.0, 1.0)],
        formula: "(x1²)^(x2² + 1) + (x2²)^(x1² + 1)",
        f: |x, y| (x * x).powf(y * y + 1.0) + (y * y).powf(x * x + 1.0),
    },
    Function {
        name: "Bukin N.6",
        domain: [(-15.0, -5.0), (-3.0, 3.0)],
        formula: "100·√|x2 − 0.01·x1²| + 0.01·|x1 + 10|",
        f: |x, y| 100.0 * (y - 0.01 * x * x).abs().sqrt() + 0.01 * (x + 10.0).abs(),
    },
    Function {
        name: "Cross-In-Tray",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "−0.0001·(|sin x1 · sin x2 · exp(|100 − √(x1² + x2²)/π|)| + 1)^0.1",
        f: |x, y| {
            -0.0001
                * ((x.sin() * y.sin() * (100.0 - r2(x, y).sqrt() / PI).abs().exp()).abs() + 1.0)
                    .powf(0.1)
        },
    },
    Function {
        // CORNN's form: 10⁵·(x1² + x2²) where the textbook has 10⁵·x1² + x2².
        name: "Deckkers-Aarts",
        domain: [(-20.0, 20.0), (-20.0, 20.0)],
        formula: "10⁵·(x1² + x2²) − (x1² + x2²)² + 10⁻⁵·(x1² + x2²)⁴",
        f: |x, y| {
            let s = r2(x, y);
            1e5 * s - s * s + 1e-5 * s.powi(4)
        },
    },
    Function {
        name: "Drop-Wave",
        domain: [(-5.2, 5.2), (-5.2, 5.2)],
        formula: "−(1 + cos(12·√(x1² + x2²))) / (0.5·(x1² + x2²) + 2)",
        f: |x, y| -(1.0 + (12.0 * r2(x, y).sqrt()).cos()) / (0.5 * r2(x, y) + 2.0),
    },
    Function {
        name: "Easom",
        domain: [(-50.0, 50.0), (-50.0, 50.0)],
        formula: "−cos x1 · cos x2 · exp(−(x1 − π)² − (x2 − π)²)",
        f: |x, y| -x.cos() * y.cos() * (-sq(x - PI) - sq(y - PI)).exp(),
    },
    Function {
        name: "Egg Crate",
        domain: [(-5.0, 5.0), (-5.0, 5.0)],
        formula: "x1² + x2² + 25·(sin² x1 + sin² x2)",
        f: |x, y| x * x + y * y + 25.0 * (sq(x.sin()) + sq(y.sin())),
    },
    Function {
        name: "Egg Holder",
        domain: [(-512.0, 512.0), (-512.0, 512.0)],
        formula: "−(x2 + 47)·sin √|x2 + x1/2 + 47| − x1·sin √|x1 − (x2 + 47)|",
        f: |x, y| {
            -(y + 47.0) * (y + x / 2.0 + 47.0).abs().sqrt().sin()
                - x * (x - (y + 47.0)).abs().sqrt().sin()
        },
    },
    Function {
        name: "Exponential",
        domain: [(-1.0, 1.0), (-1.0, 1.0)],
        formula: "−exp(−0.5·(x1² + x2²))",
        f: |x, y| -(-0.5 * r2(x, y)).exp(),
    },
    Function {
        // CORNN's form: +4·x2 in the second factor where the textbook has +48·x2.
        name: "Goldstein-Price",
        domain: [(-2.0, 2.0), (-2.0, 2.0)],
        formula: "[1 + (x1 + x2 + 1)²·(19 − 14x1 + 3x1² − 14x2 + 6x1x2 + 3x2²)] · \
                  [30 + (2x1 − 3x2)²·(18 − 32x1 + 12x1² + 4x2 − 36x1x2 + 27x2²)]",
        f: |x, y| {
            (1.0 + sq(x + y + 1.0)
                * (19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y))
                * (30.0
                    + sq(2.0 * x - 3.0 * y)
                        * (18.0 - 32.0 * x + 12.0 * x * x + 4.0 * y - 36.0 * x * y + 27.0 * y * y))
        },
    },
    Function {
        name: "Griewank",
        domain: [(-600.0, 600.0), (-600.0, 600.0)],
        formula: "1 + (x1² + x2²)/4000 − cos(x1/√1)·cos(x2/√2)",
        f: |x, y| 1.0 + x * x / 4000.0 + y * y / 4000.0 - x.cos() * (y / 2f64.sqrt()).cos(),
    },
    Function {
        name: "Himmelblau",
        domain: [(-6.0, 6.0), (-6.0, 6.0)],
        formula: "(x1² + x2 − 11)² + (x1 + x2² − 7)²",
        f: |x, y| sq(x * x + y - 11.0) + sq(x + y * y - 7.0),
    },
    Function {
        name: "Holder-Table",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "−|sin x1 · cos x2 · exp(|1 − √(x1² + x2²)/π|)|",
        f: |x, y| -(x.sin() * y.cos() * (1.0 - r2(x, y).sqrt() / PI).abs().exp()).abs(),
    },
    Function {
        // Undefined at the origin, a corner of its domain (a uniform draw never hits it).
        name: "Keane",
        domain: [(0.0, 10.0), (0.0, 10.0)],
        formula: "−sin²(x1 − x2)·sin²(x1 + x2) / √(x1² + x2²)",
        f: |x, y| -sq((x - y).sin()) * sq((x + y).sin()) / r2(x, y).sqrt(),
    },
    Function {
        name: "Leon",
        domain: [(0.0, 10.0), (0.0, 10.0)],
        formula: "100·(x2 − x1³)² + (1 − x1)²",
        f: |x, y| 100.0 * sq(y - x * x * x) + sq(1.0 - x),
    },
    Function {
        name: "Levi N.13",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "sin² 3πx1 + (x1 − 1)²·(1 + sin² 3πx2) + (x2 − 1)²·(1 + sin² 2πx2)",
        f: |x, y| {
            sq((3.0 * PI * x).sin())
                + sq(x - 1.0) * (1.0 + sq((3.0 * PI * y).sin()))
                + sq(y - 1.0) * (1.0 + sq((2.0 * PI * y).sin()))
        },
    },
    Function {
        name: "Matyas",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "0.26·(x1² + x2²) − 0.48·x1·x2",
        f: |x, y| 0.26 * r2(x, y) - 0.48 * x * y,
    },
    Function {
        name: "McCormick",
        domain: [(-1.5, 4.0), (-3.0, 3.0)],
        formula: "sin(x1 + x2) + (x1 − x2)² − 1.5·x1 + 2.5·x2 + 1",
        f: |x, y| (x + y).sin() + sq(x - y) - 1.5 * x + 2.5 * y + 1.0,
    },
    Function {
        name: "Michalewicz",
        domain: [(0.0, PI), (0.0, PI)],
        formula: "−(sin x1 · sin²⁰(x1²/π) + sin x2 · sin²⁰(2·x2²/π))",
        f: |x, y| {
            -(x.sin() * (x * x / PI).sin().powi(20) + y.sin() * (2.0 * y * y / PI).sin().powi(20))
        },
    },
    Function {
        name: "Periodic",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "1 + sin² x1 + sin² x2 − 0.1·exp(−(x1² + x2²))",
        f: |x, y| 1.0 + sq(x.sin()) + sq(y.sin()) - 0.1 * (-r2(x, y)).exp(),
    },
    Function {
        // CORNN's form: (x1 − 1)² + (x2 − 2)² where the textbook has (x1² − 1)² + (x2² − 2)².
        name: "Qing",
        domain: [(-500.0, 500.0), (-500.0, 500.0)],
        formula: "(x1 − 1)² + (x2 − 2)²",
        f: |x, y| sq(x - 1.0) + sq(y - 2.0),
    },
    Function {
        name: "Rastrigin",
        domain: [(-5.12, 5.12), (-5.12, 5.12)],
        formula: "20 + x1² − 10·cos 2πx1 + x2² − 10·cos 2πx2",
        f: |x, y| 20.0 + x * x - 10.0 * (2.0 * PI * x).cos() + y * y - 10.0 * (2.0 * PI * y).cos(),
    },
    Function {
        name: "Ridge",
        domain: [(-5.0, 5.0), (-5.0, 5.0)],
        formula: "x1 + |x2|",
        f: |x, y| x + y.abs(),
    },
    Function {
        name: "Rosenbrock",
        domain: [(-5.0, 10.0), (-5.0, 10.0)],
        formula: "100·(x2 − x1²)² + (1 − x1)²",
        f: |x, y| 100.0 * sq(y - x * x) + sq(1.0 - x),
    },
    Function {
        name: "Salomon",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "1 − cos(2π·√(x1² + x2²)) + 0.1·√(x1² + x2²)",
        f: |x, y| 1.0 - (2.0 * PI * r2(x, y).sqrt()).cos() + 0.1 * r2(x, y).sqrt(),
    },
    Function {
        name: "Schaffer N.2",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "0.5 + (sin²(x1² − x2²) − 0.5) / (1 + 0.001·(x1² + x2²))²",
        f: |x, y| 0.5 + (sq((x * x - y * y).sin()) - 0.5) / sq(1.0 + 0.001 * r2(x, y)),
    },
    Function {
        name: "Schaffer N.3",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "0.5 + (sin²(cos |x1² − x2²|) − 0.5) / (1 + 0.001·(x1² + x2²))²",
        f: |x, y| 0.5 + (sq((x * x - y * y).abs().cos().sin()) - 0.5) / sq(1.0 + 0.001 * r2(x, y)),
    },
    Function {
        name: "Schwefel 2.20",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "|x1| + |x2|",
        f: |x, y| x.abs() + y.abs(),
    },
    Function {
        name: "Schwefel 2.22",
        domain: [(-100.0, 100.0), (-100.0, 100.0)],
        formula: "|x1| + |x2| + |x1|·|x2|",
        f: |x, y| x.abs() + y.abs() + x.abs() * y.abs(),
    },
    Function {
        name: "Schwefel 2.23",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "x1¹⁰ + x2¹⁰",
        f: |x, y| x.powi(10) + y.powi(10),
    },
    Function {
        // CORNN's form: the sums lack the textbook's factor j.
        name: "Shubert",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "Σⱼ₌₁⁵ cos((j + 1)·x1 + j) · Σⱼ₌₁⁵ cos((j + 1)·x2 + j)",
        f: |x, y| {
            let s = |v: f64| {
                (1..=5)
                    .map(|j| ((j + 1) as f64 * v + j as f64).cos())
                    .sum::<f64>()
            };
            s(x) * s(y)
        },
    },
    Function {
        name: "Shubert 3",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "Σⱼ₌₁⁵ j·sin((j + 1)·x1 + j) + Σⱼ₌₁⁵ j·sin((j + 1)·x2 + j)",
        f: |x, y| {
            let s = |v: f64| {
                (1..=5)
                    .map(|j| j as f64 * ((j + 1) as f64 * v + j as f64).sin())
                    .sum::<f64>()
            };
            s(x) + s(y)
        },
    },
    Function {
        name: "Sphere",
        domain: [(-5.12, 5.12), (-5.12, 5.12)],
        formula: "x1² + x2²",
        f: r2,
    },
    Function {
        // CORNN's form: 5 to the power x where the textbook has 5·x.
        name: "Styblinski-Tang",
        domain: [(-5.0, 5.0), (-5.0, 5.0)],
        formula: "0.5·(x1⁴ − 16·x1² + 5^x1 + x2⁴ − 16·x2² + 5^x2)",
        f: |x, y| {
            0.5 * (x.powi(4) - 16.0 * x * x + 5f64.powf(x) + y.powi(4) - 16.0 * y * y
                + 5f64.powf(y))
        },
    },
    Function {
        name: "Sum Squares",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "x1² + 2·x2²",
        f: |x, y| x * x + 2.0 * y * y,
    },
    Function {
        name: "Three-Hump Camel",
        domain: [(-5.0, 5.0), (-5.0, 5.0)],
        formula: "2·x1² − 1.05·x1⁴ + x1⁶/6 + x1·x2 + x2²",
        f: |x, y| 2.0 * x * x - 1.05 * x.powi(4) + x.powi(6) / 6.0 + x * y + y * y,
    },
    Function {
        name: "Xin-She Yang N.2",
        domain: [(-2.0 * PI, 2.0 * PI), (-2.0 * PI, 2.0 * PI)],
        formula: "(|x1| + |x2|)·exp(−(sin x1² + sin x2²))",
        f: |x, y| (x.abs() + y.abs()) * (-((x * x).sin() + (y * y).sin())).exp(),
    },
    Function {
        name: "Xin-She Yang N.3",
        domain: [(-2.0 * PI, 2.0 * PI), (-2.0 * PI, 2.0 * PI)],
        formula: "exp(−((x1/15)¹⁰ + (x2/15)¹⁰)) − 2·exp(−(x1² + x2²))·cos² x1·cos² x2",
        f: |x, y| {
            (-((x / 15.0).powi(10) + (y / 15.0).powi(10))).exp()
                - 2.0 * (-r2(x, y)).exp() * sq(x.cos()) * sq(y.cos())
        },
    },
    Function {
        name: "Xin-She Yang N.4",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "(sin² x1 + sin² x2 − exp(−(x1² + x2²)))·exp(−(sin² √|x1| + sin² √|x2|))",
        f: |x, y| {
            (sq(x.sin()) + sq(y.sin()) - (-r2(x, y)).exp())
                * (-(sq(x.abs().sqrt().sin()) + sq(y.abs().sqrt().sin()))).exp()
        },
    },
    Function {
        name: "Zakharov",
        domain: [(-5.0, 10.0), (-5.0, 10.0)],
        formula: "x1² + x2² + (0.5·x1 + x2)² + (0.5·x1 + x2)⁴",
        f: |x, y| r2(x, y) + sq(0.5 * x + y) + (0.5 * x + y).powi(4),
    },
];

#[cfg(test)]
#[path = "cornn_tests.rs"]
mod tests;
