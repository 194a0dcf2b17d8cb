//! The printer and the parser of Änderungsbefehle speak one language:
//! every command the printer writes reads back as the command it printed.

use paragraf_amend::parse::parse_befehl;
use paragraf_amend::print::befehl;
use paragraf_amend::{Objekt, Op, Ort, Teil, TeilKind};
use proptest::prelude::*;

fn nums(letters: bool) -> impl Strategy<Value = (Vec<String>, bool)> {
    let one = if letters {
        "[a-h]".boxed()
    } else {
        "[1-9][0-9]?[a-c]?".boxed()
    };
    prop_oneof![
        one.clone().prop_map(|n| (vec![n], false)),
        (one.clone(), one.clone(), any::<bool>()).prop_map(|(a, b, r)| (vec![a, b], r)),
        (one.clone(), one.clone(), one).prop_map(|(a, b, c)| (vec![a, b, c], false)),
    ]
}

fn teil(kind: TeilKind) -> impl Strategy<Value = Teil> {
    let letters = matches!(kind, TeilKind::Buchstabe | TeilKind::Doppelbuchstabe);
    nums(letters).prop_map(move |(nums, range)| Teil {
        kind,
        gliederung: None,
        nums,
        range,
    })
}

/// "§ 3 Absatz 2 Satz 1 Nummer 4 Buchstabe a", top down, any prefix of it.
fn ort() -> impl Strategy<Value = Ort> {
    (
        prop_oneof![Just(TeilKind::Paragraf), Just(TeilKind::Artikel)],
        prop::collection::vec(
            prop_oneof![
                Just(TeilKind::Absatz),
                Just(TeilKind::Satz),
                Just(TeilKind::Nummer),
                Just(TeilKind::Buchstabe)
            ],
            0..3,
        ),
    )
        .prop_flat_map(|(head, mut below)| {
            below.sort_by_key(|k| match k {
                TeilKind::Absatz => 0,
                TeilKind::Satz => 1,
                TeilKind::Nummer => 2,
                _ => 3,
            });
            below.dedup();
            let mut parts: Vec<BoxedStrategy<Teil>> = vec![teil(head).boxed()];
            parts.extend(below.into_iter().map(|k| teil(k).boxed()));
            parts
        })
}

fn objekt() -> impl Strategy<Value = Objekt> {
    (
        prop::collection::vec("[a-zäöüß]{1,8}|[1-9][0-9]{0,2}|§ [1-9]", 1..4),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(words, am_ende)| Objekt {
            text: words.join(" "),
            am_ende,
        })
}

fn zitat() -> impl Strategy<Value = String> {
    "[A-Z][a-zäöü]{1,8}( [a-zäöü]{1,8}){0,5}\\.".prop_map(|s| s.to_string())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        ort().prop_map(|ort| Op::Aendern { ort }),
        (ort(), zitat()).prop_map(|(ort, zitat)| Op::Fassen { ort, zitat }),
        (ort(), prop::collection::vec(zitat(), 1..3))
            .prop_map(|(ort, zitate)| Op::ErsetzenEinheit { ort, zitate }),
        (ort(), objekt(), objekt(), any::<bool>()).prop_map(|(ort, alt, neu, jeweils)| {
            Op::Ersetzen {
                ort,
                alt,
                neu,
                jeweils,
            }
        }),
        (ort(), objekt(), any::<bool>()).prop_map(|(ort, alt, jeweils)| Op::Streichen {
            ort,
            alt,
            jeweils
        }),
        (ort(), any::<bool>(), objekt(), objekt(), any::<bool>()).prop_map(
            |(ort, nach, anker, neu, jeweils)| Op::EinfuegenWort {
                ort,
                nach,
                anker,
                neu: Objekt {
                    am_ende: false,
                    ..neu
                },
                jeweils,
            }
        ),
        (any::<bool>(), ort(), prop::collection::vec(zitat(), 1..3))
            .prop_map(|(nach, ort, zitate)| Op::Einfuegen { nach, ort, zitate }),
        (
            ort(),
            prop::option::of(teil(TeilKind::Absatz)),
            prop::collection::vec(zitat(), 1..3),
            any::<bool>()
        )
            .prop_map(|(ort, neu, zitate, vorn)| Op::Anfuegen {
                ort,
                neu: neu.into_iter().collect(),
                zitate,
                vorn,
            }),
        (ort(), any::<bool>()).prop_map(|(ort, streichen)| Op::Aufheben { ort, streichen }),
        (ort(), ort()).prop_map(|(alt, neu)| Op::Umnummern { alt, neu }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn printed_commands_read_back(op in op()) {
        let text = befehl(&op).expect("printable");
        prop_assert_eq!(parse_befehl(&text), Ok(op), "{}", text);
    }
}

#[test]
fn the_printer_writes_the_handbuch_phrasing() {
    let absatz = |n: &str| Teil {
        kind: TeilKind::Absatz,
        gliederung: None,
        nums: vec![n.into()],
        range: false,
    };
    let para = |n: &str| Teil {
        kind: TeilKind::Paragraf,
        ..absatz(n)
    };
    let words = |t: &str| Objekt {
        text: t.into(),
        am_ende: false,
    };
    let cases = [
        (
            Op::Ersetzen {
                ort: vec![para("3"), absatz("3")],
                alt: words("zuständigen Behörde"),
                neu: words("Aufsichtsbehörde"),
                jeweils: true,
            },
            "In § 3 Absatz 3 werden die Wörter „zuständigen Behörde“ jeweils durch das Wort „Aufsichtsbehörde“ ersetzt.",
        ),
        (
            Op::EinfuegenWort {
                ort: vec![para("2"), absatz("1")],
                nach: true,
                anker: words("Messer"),
                neu: words("oder Sprengstoffe"),
                jeweils: false,
            },
            "In § 2 Absatz 1 werden nach dem Wort „Messer“ die Wörter „oder Sprengstoffe“ eingefügt.",
        ),
        (
            Op::Mehrere {
                ops: vec![
                    Op::Ersetzen {
                        ort: vec![para("3"), absatz("1")],
                        alt: words("Betreiber"),
                        neu: words("verantwortliche Betreiber"),
                        jeweils: false,
                    },
                    Op::EinfuegenWort {
                        ort: vec![para("3"), absatz("1")],
                        nach: true,
                        anker: words("prüft"),
                        neu: words("unverzüglich"),
                        jeweils: false,
                    },
                ],
            },
            "In § 3 Absatz 1 wird das Wort „Betreiber“ durch die Wörter „verantwortliche Betreiber“ ersetzt und nach dem Wort „prüft“ das Wort „unverzüglich“ eingefügt.",
        ),
        (
            Op::Umnummern {
                alt: vec![absatz("3")],
                neu: vec![absatz("4")],
            },
            "Der bisherige Absatz 3 wird Absatz 4.",
        ),
        (
            Op::Aufheben {
                ort: vec![para("5"), absatz("4")],
                streichen: false,
            },
            "§ 5 Absatz 4 wird aufgehoben.",
        ),
    ];
    for (op, text) in cases {
        assert_eq!(befehl(&op).as_deref(), Some(text));
        assert_eq!(parse_befehl(text), Ok(op));
    }
}

#[test]
fn bundles_of_a_renumbering_read_back() {
    for text in [
        "Der bisherige Absatz 3 wird Absatz 4 und wie folgt gefasst:\n„(4) Neu.“",
        "Der bisherige § 50 wird § 38 und wie folgt geändert:",
        "Der bisherige Nummer 7 wird Nummer 5 und das Wort „oder“ wird durch das Wort „und“ ersetzt.",
    ] {
        let op = parse_befehl(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(matches!(&op, Op::Mehrere { ops } if ops.len() == 2), "{op:?}");
        let printed = befehl(&op).expect("printable");
        assert_eq!(parse_befehl(&printed), Ok(op), "{printed}");
    }
}
