use super::*;
use crate::domain::error::DomainError;
use proptest::prelude::*;

fn at(day: u32) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("2027-01-{day:02}T10:00:00+01:00"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn typed_units_convert_exactly_to_the_list() {
    assert_eq!(
        amount("12,5 t/an"),
        Amount {
            milli: 12_500,
            unit: Unit::Tonnes
        }
    );
    assert_eq!(
        amount("500 kg"),
        Amount {
            milli: 500,
            unit: Unit::Tonnes
        }
    );
    assert_eq!(
        amount("2 000 kWh/an"),
        Amount {
            milli: 2_000,
            unit: Unit::Mwh
        }
    );
    assert_eq!(
        amount("1,2 GWh"),
        Amount {
            milli: 1_200_000,
            unit: Unit::Mwh
        }
    );
    assert_eq!(
        amount("15 000 €"),
        Amount {
            milli: 15_000,
            unit: Unit::KiloEuros
        }
    );
    assert_eq!(
        amount("3,2 t CO2e"),
        Amount {
            milli: 3_200,
            unit: Unit::Co2
        }
    );
    assert_eq!(
        amount("800 kg CO₂e/an"),
        Amount {
            milli: 800,
            unit: Unit::Co2
        }
    );
    assert_eq!(
        amount("0,5 ETP"),
        Amount {
            milli: 500,
            unit: Unit::Jobs
        }
    );
    assert_eq!(
        amount("1,5 ha"),
        Amount {
            milli: 15_000_000,
            unit: Unit::SquareMetres
        }
    );
    assert_eq!(
        amount("350 L"),
        Amount {
            milli: 350,
            unit: Unit::CubicMetres
        }
    );
    assert_eq!(
        amount("1.25 m3/an"),
        Amount {
            milli: 1_250,
            unit: Unit::CubicMetres
        }
    );
}

#[test]
fn an_unknown_unit_or_a_bad_number_is_refused_and_named() {
    assert_eq!(
        Amount::parse("12 palettes"),
        Err(DomainError::UnknownUnit("palettes".into()))
    );
    assert!(matches!(
        Amount::parse("t/an"),
        Err(DomainError::NotANumber(_))
    ));
    assert!(matches!(
        Amount::parse("1,2345 t"),
        Err(DomainError::NotANumber(_))
    ));
    assert!(matches!(
        Amount::parse("1,2,3 t"),
        Err(DomainError::NotANumber(_))
    ));
}

#[test]
fn amounts_of_two_units_are_never_added() {
    let t = amount("3 t");
    assert_eq!(
        t.plus(amount("2 MWh")),
        Err(DomainError::UnitMismatch("t/an".into(), "MWh/an".into()))
    );
    assert_eq!(t.plus(amount("500 kg")), Ok(amount("3,5 t")));
}

#[test]
fn figures_are_written_in_each_language_and_read_back_from_the_file() {
    let a = amount("12 345,5 t");
    assert_eq!(a.figure(true, true), "12\u{a0}345,5");
    assert_eq!(a.figure(false, true), "12,345.5");
    assert_eq!(a.figure(true, false), "12345.5");
    assert_eq!(a.to_file(), "12345.5 t/an");
    for u in Unit::ALL {
        let x = Amount {
            milli: 1_234_567,
            unit: u,
        };
        assert_eq!(amount(&x.to_file()), x, "{u:?}");
    }
}

#[test]
fn the_stage_is_the_last_change_and_each_change_is_kept() {
    let s = Synergy::new(1, "Palettes", SynergyKind::Substitution);
    assert_eq!(s.stage(), Stage::Idea);
    let s = s
        .moved(Stage::Study, "", at(3))
        .moved(Stage::Abandoned, "coût", at(9));
    assert_eq!(s.stage(), Stage::Abandoned);
    assert_eq!(s.abandon_reason(), Some("coût"));
    assert_eq!(
        s.stage_on(NaiveDate::from_ymd_opt(2027, 1, 5)),
        Stage::Study
    );
    assert_eq!(s.history.len(), 2);
    // Moving to where it is records nothing.
    assert_eq!(s.moved(Stage::Abandoned, "", at(10)).history.len(), 2);
}

#[test]
fn a_pilot_handed_over_is_the_pilot_and_the_first_stays_in_the_history() {
    let s = Synergy::new(1, "Chaleur", SynergyKind::Energy)
        .handed_to("Communauté de communes", "", at(2))
        .handed_to("Fromagerie Bel", "M. Roux", at(20));
    assert_eq!(s.pilot(), Some("Fromagerie Bel"));
    assert_eq!(
        s.organisations(),
        ["Communauté de communes", "Fromagerie Bel"]
    );
}

#[test]
fn totals_sum_per_unit_estimated_and_measured_apart_without_the_abandoned() {
    let impact = |a: &str, measured| Impact {
        amount: amount(a),
        measured,
        what: String::new(),
        factor: String::new(),
        source: String::new(),
    };
    let mut a = Synergy::new(1, "A", SynergyKind::Substitution);
    a.impacts = vec![
        impact("12 t", false),
        impact("9,5 t", true),
        impact("4 k€", false),
    ];
    let mut b = Synergy::new(2, "B", SynergyKind::Substitution);
    b.impacts = vec![impact("800 kg", false)];
    let mut c = Synergy::new(3, "C", SynergyKind::Substitution).moved(Stage::Abandoned, "", at(1));
    c.impacts = vec![impact("100 t", false)];
    let t = totals([&a, &b, &c]);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].unit, Unit::Tonnes);
    assert_eq!(t[0].estimated, amount("12,8 t"));
    assert_eq!(t[0].measured, amount("9,5 t"));
    assert_eq!(t[0].synergies, 2);
    assert_eq!(t[1].estimated, amount("4 k€"));
}

proptest! {
    #[test]
    fn the_history_stays_in_time_order(days in proptest::collection::vec((1u32..28, 0usize..6), 0..20)) {
        let mut s = Synergy::new(1, "x", SynergyKind::Pooling);
        for (d, k) in days {
            let stage = Stage::ALL[k % Stage::ALL.len()];
            s = s.moved(stage, "", at(d));
        }
        prop_assert!(s.history.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn sums_within_a_unit_are_exact(parts in proptest::collection::vec(0i64..10_000_000, 1..30)) {
        let mut sum = Amount::zero(Unit::Mwh);
        for p in &parts {
            // Typed in kWh, summed in MWh: no rounding.
            let typed = Amount::parse(&format!("{p} kWh")).unwrap_or_else(|e| panic!("{e}"));
            sum = sum.plus(typed).unwrap_or_else(|e| panic!("{e}"));
        }
        prop_assert_eq!(sum.milli, parts.iter().sum::<i64>());
    }
}
