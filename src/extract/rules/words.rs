//! The names tables give things: [`table_enum!`] declares a fieldless enum whose variants a table
//! names in snake case.

/// Declares a fieldless enum whose variants the rule book names in snake case (`AttackVerb` is
/// `attack_verb`), with `ALL`, [`table_name`](#method.table_name) and `from_table_name`.
macro_rules! table_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name the rule book gives it: the variant's name in snake case.
            pub fn table_name(self) -> String {
                let camel = match self { $( $name::$variant => stringify!($variant), )* };
                $crate::extract::rules::words::snake_case(camel)
            }

            /// The variant a table names, if any.
            pub fn from_table_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.table_name() == name)
            }

            /// Every variant's table name, comma-separated, for messages.
            pub fn table_names() -> String {
                Self::ALL
                    .iter()
                    .map(|v| v.table_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl From<$name> for usize {
            fn from(value: $name) -> usize {
                value as usize
            }
        }
    };
}
pub(crate) use table_enum;

/// `AttackVerb` as `attack_verb`.
pub fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("AttackVerb"), "attack_verb");
        assert_eq!(snake_case("Air"), "air");
    }
}
