//! Canonical query text: `Display` for the AST. Keywords lower case, one space between tokens,
//! parentheses only where precedence needs them, `asc` left out. Parsing the printed text gives
//! the same tree back (the round-trip test holds this).

use std::fmt::{self, Display, Formatter};

use super::ast::{
    BBox, DateExpr, DateLiteral, DateTerm, Distance, Expr, Field, Order, PlaceRef, Predicate,
    Query, Stage, Statement, Value,
};

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Query(query) => write!(f, "{query}"),
            Statement::Explain(query) => write!(f, "explain {query}"),
            Statement::ExplainEvent(id) => write!(f, "explain event {}", id.node),
            Statement::Ingest(path) => write!(f, "ingest {}", path_literal(&path.node)),
            Statement::DeleteArticle(id) => write!(f, "delete article {}", id.node),
            Statement::Stats => f.write_str("stats"),
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.source.node.as_str())?;
        if let Some(filter) = &self.filter {
            write!(f, " where {filter}")?;
        }
        for stage in &self.stages {
            write!(f, " | {}", stage.node)?;
        }
        Ok(())
    }
}

/// Binding strength: `or` 1, `and` 2, `not` and predicates 3.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::Or(..) => 1,
        Expr::And(..) => 2,
        Expr::Not(_) | Expr::Predicate(_) => 3,
    }
}

/// Writes `expr`, in parentheses when it binds more loosely than `min` (its position needs).
fn write_expr(f: &mut Formatter<'_>, expr: &Expr, min: u8) -> fmt::Result {
    if precedence(expr) < min {
        return write!(f, "({expr})");
    }
    match expr {
        Expr::Predicate(p) => write!(f, "{}", p.node),
        Expr::Not(inner) => {
            f.write_str("not ")?;
            write_expr(f, inner, 3)
        }
        // An operand of the same strength is a chain of its own (it was in parentheses):
        // it keeps them.
        Expr::Or(parts) => write_chain(f, parts, " or ", 2),
        Expr::And(parts) => write_chain(f, parts, " and ", 3),
    }
}

/// Writes the operands of one chain, `separator` between them, each at strength `min`.
fn write_chain(f: &mut Formatter<'_>, parts: &[Expr], separator: &str, min: u8) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        write_expr(f, part, min)?;
    }
    Ok(())
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(f, self, 0)
    }
}

impl Display for Predicate {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Predicate::Date { field, op, value } => {
                write!(f, "{} {} {}", field.node.as_str(), op.as_str(), value.node)
            }
            Predicate::Near { place, distance } => {
                write!(f, "near {} within {}", place.node, distance.node)
            }
            Predicate::WithinBox(bbox) => write!(f, "within {}", bbox.node),
            Predicate::Compare {
                field,
                op,
                value,
                role,
            } => {
                write!(
                    f,
                    "{} {} {}",
                    field.node.as_str(),
                    op.as_str(),
                    ValueText(field.node, &value.node)
                )?;
                write_role(f, role)
            }
            Predicate::InList {
                field,
                values,
                role,
            } => {
                write!(f, "{} in (", field.node.as_str())?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", ValueText(field.node, &value.node))?;
                }
                f.write_str(")")?;
                write_role(f, role)
            }
            Predicate::IsNull { field, negated } => write!(
                f,
                "{} is {}null",
                field.node.as_str(),
                if *negated { "not " } else { "" }
            ),
            Predicate::Article(id) => write!(f, "article = {}", id.node),
        }
    }
}

/// ` as ROLE`, when there is one.
fn write_role(
    f: &mut Formatter<'_>,
    role: &Option<super::ast::Spanned<crate::model::Role>>,
) -> fmt::Result {
    match role {
        Some(role) => write!(f, " as {}", super::ast::role_name(role.node)),
        None => Ok(()),
    }
}

/// A value as written for a field: names of closed sets (kinds, countries, precisions) bare
/// when they are plain words, other text quoted.
struct ValueText<'v>(Field, &'v Value);

impl Display for ValueText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.1 {
            Value::Int(n) => write!(f, "{n}"),
            Value::Text(text)
                if matches!(
                    self.0,
                    Field::Kind | Field::Country | Field::Precision | Field::Status
                ) && is_word(text) =>
            {
                f.write_str(text)
            }
            Value::Text(text) => f.write_str(&quoted(text)),
        }
    }
}

impl Display for DateExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DateExpr::Term(term) => write!(f, "{term}"),
            DateExpr::Range(from, to) => write!(f, "{from}..{to}"),
        }
    }
}

impl Display for DateTerm {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DateTerm::Literal(literal) => write!(f, "{literal}"),
            DateTerm::Today => f.write_str("today"),
            DateTerm::Yesterday => f.write_str("yesterday"),
            DateTerm::Last { count: 1, unit } => write!(f, "last {}", unit.as_str()),
            DateTerm::Last { count, unit } => write!(f, "last {count} {}s", unit.as_str()),
            DateTerm::This(unit) => write!(f, "this {}", unit.as_str()),
            DateTerm::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            DateTerm::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            DateTerm::Shift {
                base,
                earlier,
                count,
                unit,
            } => {
                let sign = if *earlier { '-' } else { '+' };
                let plural = if *count == 1 { "" } else { "s" };
                write!(f, "{base} {sign} {count} {}{plural}", unit.as_str())
            }
        }
    }
}

impl Display for DateLiteral {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year())?;
        if let Some(month) = self.month() {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day() {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Display for PlaceRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PlaceRef::Name(name) => f.write_str(&quoted(name)),
            // A country code bare, as `country = IQ` prints it; any other area quoted.
            PlaceRef::NameIn { name, area } if is_code(&area.node) => {
                write!(f, "{} in {}", quoted(name), area.node)
            }
            PlaceRef::NameIn { name, area } => {
                write!(f, "{} in {}", quoted(name), quoted(&area.node))
            }
            PlaceRef::Point { lat, lon } => write!(f, "({lat}, {lon})"),
        }
    }
}

impl Display for Distance {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit.as_str())
    }
}

impl Display for BBox {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bbox({}, {}, {}, {})",
            self.south, self.west, self.north, self.east
        )
    }
}

impl Display for Stage {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let list = |fields: &[super::ast::Spanned<Field>]| {
            fields
                .iter()
                .map(|field| field.node.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Stage::Sort(keys) => {
                let keys: Vec<String> = keys
                    .iter()
                    .map(|k| match k.order {
                        Order::Asc => k.key.node.as_str().to_string(),
                        Order::Desc => format!("{} desc", k.key.node.as_str()),
                    })
                    .collect();
                write!(f, "sort {}", keys.join(", "))
            }
            Stage::Limit(n) => write!(f, "limit {n}"),
            Stage::Select(fields) => write!(f, "select {}", list(fields)),
            Stage::Count(keys) if keys.is_empty() => f.write_str("count"),
            Stage::Count(keys) => write!(f, "count by {}", list(keys)),
            Stage::Timeline(None) => f.write_str("timeline"),
            Stage::Timeline(Some(unit)) => write!(f, "timeline by {}", unit.as_str()),
            Stage::Top { n, key } => write!(f, "top {n} {}", key.node.as_str()),
            Stage::Nearest { n, place } => write!(f, "nearest {n} to {}", place.node),
            Stage::AsOf(date) => write!(f, "as of {}", date.node),
            Stage::Aggregate { function, of, keys } => {
                write!(f, "{} {}", function.as_str(), of.node.as_str())?;
                if !keys.is_empty() {
                    write!(f, " by {}", list(keys))?;
                }
                Ok(())
            }
        }
    }
}

/// Whether `text` is written as a country code is (`US`, `XKX`): two or three capitals.
fn is_code(text: &str) -> bool {
    (2..=3).contains(&text.len()) && text.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether `text` reads back as one bare `word` (`IQ`, `battle.armed_clash`).
fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `text` in double quotes, with `\\ \" \n \t` escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A path in single quotes (raw, `''` for a quote), or double-quoted when it holds a newline.
fn path_literal(path: &str) -> String {
    if path.contains('\n') {
        quoted(path)
    } else {
        format!("'{}'", path.replace('\'', "''"))
    }
}
