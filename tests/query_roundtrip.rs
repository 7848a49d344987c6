//! The AST round-trips: `parse(ast.to_string()) == ast` for generated trees and for a list of
//! written queries (equality ignores spans), and spans point at the text they came from.

use geochron::model::{ArticleId, EventId, Role, Span};
use geochron::query::ast::{
    Aggregate, BBox, Bucket, CompareOp, DateExpr, DateField, DateLiteral, DateOp, DateTerm,
    Distance, DistanceUnit, Expr, Field, Order, PlaceRef, Predicate, Query, SortKey, Source,
    Spanned, Stage, Statement, Value,
};
use geochron::query::parse_statement;
use proptest::prelude::*;

fn at<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        (-180i32..=180).prop_map(f64::from),
        (-18000i32..=18000).prop_map(|x| f64::from(x) / 100.0),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z_][a-zA-Z0-9_]{0,8}(\\.[a-z_]{1,8})?",
        "[ -~]{0,12}",
        Just("IN".to_string()),
        Just("and".to_string()),
    ]
}

fn bucket() -> impl Strategy<Value = Bucket> {
    prop::sample::select(Bucket::ALL.to_vec())
}

fn field() -> impl Strategy<Value = Field> {
    prop::sample::select(Field::ALL.to_vec())
}

/// Fields that the grammar reads as `FIELD OP VALUE` (dates and `article` have their own forms).
fn compare_field() -> impl Strategy<Value = Field> {
    field().prop_filter("plain field", |f| {
        !matches!(
            f,
            Field::Date | Field::Published | Field::Ingested | Field::Article
        )
    })
}

fn date_term() -> impl Strategy<Value = DateTerm> {
    let literal = (
        0i32..=9999,
        proptest::option::of(1u32..=12),
        1u32..=31,
        any::<bool>(),
    )
        .prop_filter_map("real date", |(y, m, d, with_day)| {
            DateLiteral::new(y, m, m.and(Some(d)).filter(|_| with_day))
        })
        .prop_map(DateTerm::Literal);
    prop_oneof![
        4 => literal,
        1 => Just(DateTerm::Today),
        1 => Just(DateTerm::Yesterday),
        1 => (1u32.., bucket()).prop_map(|(count, unit)| DateTerm::Last { count, unit }),
        1 => bucket().prop_map(DateTerm::This),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(Value::Int),
        text().prop_map(Value::Text)
    ]
}

fn predicate() -> impl Strategy<Value = Predicate> {
    let date_op = prop::sample::select(vec![
        DateOp::In,
        DateOp::Overlaps,
        DateOp::Lt,
        DateOp::Le,
        DateOp::Gt,
        DateOp::Ge,
    ]);
    let compare_op = prop::sample::select(vec![
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Gt,
        CompareOp::Ge,
        CompareOp::Contains,
    ]);
    let date_expr = prop_oneof![
        date_term().prop_map(DateExpr::Term),
        (date_term(), date_term()).prop_map(|(a, b)| DateExpr::Range(a, b)),
    ];
    let place = prop_oneof![
        text().prop_map(PlaceRef::Name),
        (finite(), finite()).prop_map(|(lat, lon)| PlaceRef::Point { lat, lon }),
    ];
    let unit = prop::sample::select(DistanceUnit::ALL.to_vec());
    prop_oneof![
        (0..3u8, date_op, date_expr).prop_map(|(axis, op, value)| Predicate::Date {
            field: at(match axis {
                0 => DateField::Date,
                1 => DateField::Published,
                _ => DateField::Ingested,
            }),
            op,
            value: at(value),
        }),
        (place, finite(), unit).prop_map(|(place, value, unit)| Predicate::Near {
            place: at(place),
            distance: at(Distance { value, unit }),
        }),
        (finite(), finite(), finite(), finite()).prop_map(|(south, west, north, east)| {
            Predicate::WithinBox(at(BBox {
                south,
                west,
                north,
                east,
            }))
        }),
        (compare_field(), compare_op, value(), role()).prop_map(|(field, op, value, role)| {
            Predicate::Compare {
                field: at(field),
                op,
                value: at(value),
                role,
            }
        }),
        (
            compare_field(),
            prop::collection::vec(value(), 1..4),
            role()
        )
            .prop_map(|(field, values, role)| Predicate::InList {
                field: at(field),
                values: values.into_iter().map(at).collect(),
                role,
            }),
        (compare_field(), any::<bool>()).prop_map(|(field, negated)| Predicate::IsNull {
            field: at(field),
            negated
        }),
        any::<u64>().prop_map(|id| Predicate::Article(at(ArticleId(id)))),
    ]
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = predicate().prop_map(|p| Expr::Predicate(at(p)));
    leaf.prop_recursive(5, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
            prop::collection::vec(inner, 2..4).prop_map(Expr::Or),
        ]
    })
}

fn role() -> impl Strategy<Value = Option<Spanned<Role>>> {
    proptest::option::of(
        prop::sample::select(vec![Role::Initiator, Role::Target, Role::Other]).prop_map(at),
    )
}

fn stage() -> impl Strategy<Value = Stage> {
    let fields = |min| prop::collection::vec(field().prop_map(at), min..4);
    prop_oneof![
        prop::collection::vec((field(), any::<bool>()), 1..4).prop_map(|keys| Stage::Sort(
            keys.into_iter()
                .map(|(key, desc)| SortKey {
                    key: at(key),
                    order: if desc { Order::Desc } else { Order::Asc },
                })
                .collect()
        )),
        any::<u64>().prop_map(Stage::Limit),
        fields(1).prop_map(Stage::Select),
        fields(0).prop_map(Stage::Count),
        proptest::option::of(bucket()).prop_map(Stage::Timeline),
        (any::<u64>(), field()).prop_map(|(n, key)| Stage::Top { n, key: at(key) }),
        (
            any::<u64>(),
            prop_oneof![
                text().prop_map(PlaceRef::Name),
                (finite(), finite()).prop_map(|(lat, lon)| PlaceRef::Point { lat, lon }),
            ]
        )
            .prop_map(|(n, place)| Stage::Nearest {
                n,
                place: at(place)
            }),
        date_term().prop_map(|t| Stage::AsOf(at(DateExpr::Term(t)))),
        (
            prop::sample::select(Aggregate::ALL.to_vec()),
            field(),
            fields(0)
        )
            .prop_map(|(function, of, keys)| Stage::Aggregate {
                function,
                of: at(of),
                keys
            }),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    (
        prop::sample::select(Source::ALL.to_vec()),
        proptest::option::of(expr()),
        prop::collection::vec(stage().prop_map(at), 0..4),
    )
        .prop_map(|(source, filter, stages)| Query {
            source: at(source),
            filter,
            stages,
        })
}

fn statement() -> impl Strategy<Value = Statement> {
    prop_oneof![
        6 => query().prop_map(Statement::Query),
        2 => query().prop_map(Statement::Explain),
        1 => any::<u64>().prop_map(|id| Statement::ExplainEvent(at(EventId(id)))),
        1 => any::<String>().prop_map(|path| Statement::Ingest(at(path))),
        1 => any::<u64>().prop_map(|id| Statement::DeleteArticle(at(ArticleId(id)))),
        1 => Just(Statement::Stats),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn printed_trees_parse_back_to_themselves(tree in statement()) {
        let text = tree.to_string();
        let parsed = parse_statement(&text);
        prop_assert_eq!(parsed.as_ref(), Ok(&tree), "printed as {}", text);
    }
}

/// Queries as people write them: spacing, case, redundant parentheses, `asc`, quotes.
const WRITTEN: &[&str] = &[
    "events where kind = battle and date in 2019-12 and country = IQ | sort date desc | limit 20",
    "events where near \"Mosul\" within 100 km and actor ~ \"islamic state\" | timeline by month",
    "events where date in 2016..2020 | count by country, kind | sort count desc | limit 10",
    "events where within bbox(29.0, 38.0, 37.5, 49.0) and killed >= 5 | select date, place, kind, killed",
    "articles where source = \"Washington Times\" and published in 2020-01",
    "places where name ~ \"kirk\"   -- the gazetteer itself",
    "explain events where country = SY and date in 2019",
    "ingest 'examples/articles'",
    "EVENTS   WHERE ((kind=riot)) OR NOT (country IN (IQ,'SY')) | SORT date ASC;",
    "events where date in last 30 days and published overlaps this month | timeline",
    "events where a = 1 or b = 2",
    "events where near (36.3, -43.1) within 800m | sort distance | top 5 actor",
    "delete article 00ff00ff00ff00ff",
    "explain event 1",
    "stats ;",
];

#[test]
fn written_queries_round_trip() {
    for written in WRITTEN {
        let Ok(tree) = parse_statement(written) else {
            // Some are written wrong on purpose: they must fail the same way twice.
            assert_eq!(parse_statement(written), parse_statement(written));
            continue;
        };
        let canonical = tree.to_string();
        assert_eq!(
            parse_statement(&canonical).as_ref(),
            Ok(&tree),
            "{written} → {canonical}"
        );
        let again = parse_statement(&canonical).map(|t| t.to_string());
        assert_eq!(
            again.as_deref(),
            Ok(canonical.as_str()),
            "canonical text is a fixed point"
        );
    }
}

#[test]
fn spans_point_at_their_text() {
    let text = "events  where country = \"Iraq\" and date in 2019..2020 | sort killed desc";
    let Ok(Statement::Query(query)) = parse_statement(text) else {
        panic!("the query parses");
    };
    assert_eq!(query.source.span.slice(text), "events");
    let Some(filter) = &query.filter else {
        panic!("it has a filter");
    };
    let predicates = filter.predicates();
    assert_eq!(predicates[0].span.slice(text), "country = \"Iraq\"");
    let Predicate::Compare { field, value, .. } = &predicates[0].node else {
        panic!("a comparison");
    };
    assert_eq!(field.span.slice(text), "country");
    assert_eq!(value.span.slice(text), "\"Iraq\"");
    let Predicate::Date { value, .. } = &predicates[1].node else {
        panic!("a date test");
    };
    assert_eq!(value.span.slice(text), "2019..2020");
    assert_eq!(query.stages[0].span.slice(text), "sort killed desc");
    let Stage::Sort(keys) = &query.stages[0].node else {
        panic!("a sort");
    };
    assert_eq!(keys[0].key.span.slice(text), "killed");
}

#[test]
fn and_binds_tighter_than_or_and_chains_are_flat() {
    let parsed = |s: &str| parse_statement(s).map(|t| t.to_string());
    assert_eq!(
        parsed("events where country = IQ or kind = riot and killed > 1"),
        parsed("events where country = IQ or (kind = riot and killed > 1)")
    );
    // A chain of one operator is one node of all its operands; a parenthesized chain inside
    // it keeps its parentheses, on either side.
    let Ok(Statement::Query(query)) =
        parse_statement("events where killed > 1 and killed > 2 and killed > 3")
    else {
        panic!("the query parses");
    };
    assert!(matches!(&query.filter, Some(Expr::And(parts)) if parts.len() == 3));
    assert_eq!(
        parsed("events where (killed > 1 and killed > 2) and killed > 3"),
        Ok("events where (killed > 1 and killed > 2) and killed > 3".to_string())
    );
    assert_ne!(
        parse_statement("events where killed > 1 and killed > 2 and killed > 3"),
        parse_statement("events where killed > 1 and (killed > 2 and killed > 3)")
    );
}
