//! `placeholders`: template text left in a note. Delimited fields
//! (`[Your Name]`, `{{first_name}}`, `(insert company)`), runs of a
//! character (`XXXX`, `____`) and phrases (`TODO`), found in plain code so
//! the check starts without compiling anything.

use crate::text::words::collapse_spaces;
use std::ops::Range;

use serde::Deserialize;

use super::{
    Check, CheckKind, CompileError, Env, Finding, PhraseLists, check_boilerplate, parameters,
    prose_findings, runs_of,
};
use crate::draft::document::Document;
use crate::pattern::matcher::non_overlapping;

/// What stands for the content in a field template (`[…]`).
const CONTENT: char = '…';

/// Parameters of a `placeholders` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholdersSpec {
    /// Delimited fields, written opener `…` closer: `[…]`, `{{…}}`,
    /// `(insert …)`. See [`FieldSpec`].
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    /// The longest field content, in bytes.
    #[serde(default = "default_max_length")]
    pub max_length: usize,
    /// Characters whose runs mark a blank to fill in (`X`, `_`). A run of a
    /// letter or digit counts only as a whole word (`XXX`, not `XXXL`).
    #[serde(default)]
    pub runs: Vec<char>,
    /// The shortest run that counts.
    #[serde(default = "default_min_run")]
    pub min_run: usize,
    /// Phrase templates matched ignoring ASCII case (`lorem ipsum`).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Phrase templates matched with case kept (`TODO`, `Your Name`).
    #[serde(default)]
    pub case_sensitive_phrases: Vec<String>,
    /// A greeting whose name is only an ellipsis (`Dear …,`) is a blank.
    #[serde(default)]
    pub blank_greeting: bool,
}

fn default_max_length() -> usize {
    80
}

fn default_min_run() -> usize {
    3
}

/// One field template: just the template, or a map with options.
///
/// In a template the text before `…` is the opener and the text after it
/// the closer, both matched ignoring ASCII case; a space in them stands for
/// any run of spaces or tabs, or none. A field is the opener, then on the
/// same line and within `max-length` bytes content that holds neither the
/// opener's first character nor the closer's, then the closer. The content
/// must be as the field's [`Content`] says (by default it starts with a
/// letter or `_`, so `[1]`, `[ ]` and `{}` are not fields). An opener that
/// ends in a word (`(insert …)`) marks a field on its own: it must end a
/// word in the text too, and any content counts. At one place the longest
/// opener wins: `{{name}}` is one field, not `{name}` inside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum FieldSpec {
    /// `"[…]"`
    Template(String),
    /// `{field: "{…}", content: name}`,
    /// `{field: "<…>", lowercase-starts: [your, name]}`
    Full(FieldOptions),
}

/// What a `slot` field's content may be made of.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SlotWords {
    /// Words a slot name is made of (`your`, `name`, `position`, `date`):
    /// content made only of these (possessive `'s` ignored) is a slot.
    #[serde(default)]
    pub words: Vec<String>,
    /// At least one word of the content must be one of these nouns
    /// (`name`, `date`), so that `(the)` alone is not a slot.
    #[serde(default)]
    pub heads: Vec<String>,
    /// Content holding one of these phrases is an instruction to the writer
    /// (`blank lines`, `signature`), whatever else it holds.
    #[serde(default)]
    pub instructions: Vec<String>,
}

/// A field template with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldOptions {
    /// The template, as in [`FieldSpec::Template`].
    pub field: String,
    /// What may stand between opener and closer.
    #[serde(default)]
    pub content: Content,
    /// Content starting with a lower-case letter is a field only when it
    /// starts with one of these (ASCII case ignored), so that HTML such as
    /// `<br>` is not taken for `<Name>`.
    #[serde(default)]
    pub lowercase_starts: Vec<String>,
    /// For `content: slot`: the words a slot is made of.
    #[serde(default)]
    pub slot: SlotWords,
}

/// What a field's content may be. Leading spaces are ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Content {
    /// Text starting with a letter or `_`: `[Name of Interviewer]`.
    #[default]
    Text,
    /// A field name: a letter or `_`, then only letters, digits, spaces,
    /// `_`, `.` and `-` (`{company}`, `{Company.Name}`, not `{a, b}`).
    Name,
    /// Anything, even nothing: the opener alone marks a field (`{{}}`,
    /// `{{#if x}}`).
    Any,
    /// The name of what to fill in, or an instruction to the writer, in
    /// the field's `slot` words: `(position)`, `(Your name)`, `(four blank
    /// lines for your signature)`, but not `(a 300-bed hospital)`.
    Slot,
}

/// A compiled field template.
#[derive(Debug, Clone)]
struct Field {
    /// The opener, white space collapsed to single spaces.
    open: String,
    /// The closer, likewise.
    close: String,
    /// Characters the content may not hold.
    open_char: char,
    close_char: char,
    /// The opener ends in a word: it must end a word in the text too.
    keyword: bool,
    /// What the content may be (`Any` for a keyword opener).
    content: Content,
    /// Lowercase prefixes lower-case content must start with (empty: any).
    lowercase_starts: Vec<String>,
    /// The words of a `slot` field, lowercase.
    slot: SlotWords,
}

/// A compiled `placeholders` check.
#[derive(Debug, Clone)]
pub struct Placeholders {
    /// Longest opener first.
    fields: Vec<Field>,
    /// Bytes a field can start with (both cases).
    field_starts: [bool; 256],
    max_length: usize,
    runs: Vec<char>,
    min_run: usize,
    phrases: PhraseLists,
    blank_greeting: bool,
}

impl Placeholders {
    /// Validates the parameters and compiles the phrases.
    pub fn compile(spec: PlaceholdersSpec) -> Result<Self, CompileError> {
        let mut fields = spec
            .fields
            .iter()
            .map(Field::compile)
            .collect::<Result<Vec<_>, _>>()?;
        fields.sort_by_key(|f| std::cmp::Reverse(f.open.len()));
        let mut field_starts = [false; 256];
        for f in &fields {
            let b = f.open.as_bytes()[0];
            field_starts[usize::from(b.to_ascii_lowercase())] = true;
            field_starts[usize::from(b.to_ascii_uppercase())] = true;
        }
        if spec.max_length == 0 {
            return Err(("max-length".into(), "`max-length` must be 1 or more".into()));
        }
        if spec.min_run < 2 {
            return Err(("min-run".into(), "`min-run` must be 2 or more".into()));
        }
        if let Some(c) = spec.runs.iter().find(|c| c.is_whitespace()) {
            return Err(("runs".into(), format!("a run of {c:?} cannot mark a blank")));
        }
        let check = Placeholders {
            fields,
            field_starts,
            max_length: spec.max_length,
            runs: spec.runs,
            min_run: spec.min_run,
            phrases: PhraseLists::compile(&spec.phrases, &spec.case_sensitive_phrases)?,
            blank_greeting: spec.blank_greeting,
        };
        if check.fields.is_empty() && check.runs.is_empty() && check.phrases.is_empty() {
            return Err((
                "placeholders".into(),
                "give `fields`, `runs`, `phrases` or `case-sensitive-phrases`".into(),
            ));
        }
        Ok(check)
    }

    /// Finds every placeholder in the document's prose, in text order.
    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let prose = &doc.prose;
        let mut findings = prose_findings(
            prose,
            self.find_with(&prose.text, &prose.spaced, Some(&prose.word_starts)),
        );
        if let Some(blank) = self.blank_greeting.then(|| blank_greeting(doc)).flatten() {
            if !findings
                .iter()
                .any(|f| f.span.start < blank.end && blank.start < f.span.end)
            {
                let matched = doc.text()[blank.clone()].to_string();
                findings.insert(0, Finding::at(blank).var("match", matched));
            }
        }
        findings
    }

    /// Placeholder ranges in `text`, leftmost and then longest first, without
    /// overlaps. `spaced` is `text` with white space normalised, `starts`
    /// its word starts ([`crate::pattern::phrase::word_starts`]) when known.
    fn find_with(&self, text: &str, spaced: &str, starts: Option<&[u32]>) -> Vec<Range<usize>> {
        let mut all = self.find_fields(text);
        for &c in &self.runs {
            all.extend(runs_of(text, c, self.min_run));
        }
        all.extend(self.phrases.find_with(text, spaced, starts));
        non_overlapping(all)
    }

    /// Fields in `text`, scanning left to right.
    fn find_fields(&self, text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            if self.field_starts[usize::from(bytes[pos])] && text.is_char_boundary(pos) {
                let end = self
                    .fields
                    .iter()
                    .find_map(|f| f.match_at(text, pos, self.max_length));
                if let Some(end) = end {
                    out.push(pos..end);
                    pos = end;
                    continue;
                }
            }
            pos += 1;
        }
        out
    }
}

impl Field {
    /// Parses `opener…closer`.
    fn compile(spec: &FieldSpec) -> Result<Field, CompileError> {
        let no_slot = SlotWords::default();
        let (template, starts, content, slot) = match spec {
            FieldSpec::Template(t) => (t, &[][..], Content::Text, &no_slot),
            FieldSpec::Full(full) => (
                &full.field,
                &full.lowercase_starts[..],
                full.content,
                &full.slot,
            ),
        };
        let bad = |why: &str| {
            (
                template.clone(),
                format!(
                    "field `{template}`: {why}; write the opener, `…`, then the closer, as in `[…]`"
                ),
            )
        };
        let mut parts = template.split(CONTENT);
        let (Some(open), Some(close), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("it needs exactly one `…`"));
        };
        let (open, close) = (
            collapse_spaces(open).trim().to_string(),
            collapse_spaces(close).trim().to_string(),
        );
        let (Some(open_char), Some(close_char)) = (open.chars().next(), close.chars().next())
        else {
            return Err(bad("the opener and the closer must not be empty"));
        };
        if starts.iter().any(|s| s.trim().is_empty()) {
            return Err(bad("`lowercase-starts` holds an empty entry"));
        }
        let keyword = open.chars().next_back().is_some_and(char::is_alphanumeric);
        if content == Content::Slot && (slot.words.is_empty() || slot.heads.is_empty()) {
            return Err(bad("`content: slot` needs `slot` with `words` and `heads`"));
        }
        let lower = |list: &[String]| list.iter().map(|w| w.trim().to_lowercase()).collect();
        let slot = SlotWords {
            words: lower(&slot.words),
            heads: lower(&slot.heads),
            instructions: lower(&slot.instructions),
        };
        Ok(Field {
            slot,
            keyword,
            content: if keyword { Content::Any } else { content },
            open,
            close,
            open_char,
            close_char,
            lowercase_starts: starts.iter().map(|s| s.trim().to_lowercase()).collect(),
        })
    }

    /// Where the field starting at `pos` in `text` ends, if one does.
    fn match_at(&self, text: &str, pos: usize, max_length: usize) -> Option<usize> {
        let content_start = delimiter_at(text, pos, &self.open)?;
        if self.keyword
            && text[content_start..]
                .chars()
                .next()
                .is_some_and(is_word_char)
        {
            return None;
        }
        for (i, c) in text[content_start..].char_indices() {
            let at = content_start + i;
            if let Some(end) = delimiter_at(text, at, &self.close) {
                return self.content_ok(&text[content_start..at]).then_some(end);
            }
            if i >= max_length
                || matches!(c, '\n' | '\r')
                || c == self.open_char
                || c == self.close_char
            {
                return None;
            }
        }
        None
    }

    /// Whether `content` (between opener and closer) makes a field.
    fn content_ok(&self, content: &str) -> bool {
        if self.content == Content::Any {
            return true;
        }
        if self.content == Content::Slot {
            return self.is_slot(content);
        }
        let content = content.trim_start();
        let Some(first) = content.chars().next() else {
            return false;
        };
        let is_name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | ' ' | '.' | '-');
        if !(first.is_alphabetic() || first == '_')
            || (self.content == Content::Name && !content.chars().all(is_name_char))
        {
            return false;
        }
        !first.is_lowercase()
            || self.lowercase_starts.is_empty()
            || self.lowercase_starts.iter().any(|s| {
                content
                    .get(..s.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(s))
            })
    }
}

impl Field {
    /// Whether `content` names what to fill in, or tells the writer what to do.
    fn is_slot(&self, content: &str) -> bool {
        let lower = content.trim().to_lowercase().replace('\u{2019}', "'");
        if self
            .slot
            .instructions
            .iter()
            .any(|i| lower.contains(i.as_str()))
        {
            return true;
        }
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '/')
            .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '-')))
            .map(|w| w.strip_suffix("'s").unwrap_or(w))
            .filter(|w| !w.is_empty())
            .collect();
        !words.is_empty()
            && words.len() <= 8
            && words.iter().all(|w| self.slot.words.iter().any(|s| s == w))
            && words.iter().any(|w| self.slot.heads.iter().any(|s| s == w))
    }
}

/// The name of a greeting that is only an ellipsis (`Dear …,`, `Dear ...`).
fn blank_greeting(doc: &Document) -> Option<Range<usize>> {
    let greeting = doc.greeting.as_ref()?;
    greeting.word.as_ref()?;
    let first = greeting.addressee.first()?;
    let last = greeting.addressee.last()?;
    let blank = greeting
        .addressee
        .iter()
        .all(|t| !t.text.is_empty() && t.text.chars().all(|c| matches!(c, '.' | '\u{2026}')));
    blank.then_some(first.span.start..last.span.end)
}

/// Where `delimiter` ends if it stands in `text` at `pos`: ASCII case
/// ignored, a space matching any run of spaces and tabs, or none.
fn delimiter_at(text: &str, pos: usize, delimiter: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = pos;
    for d in delimiter.bytes() {
        if d == b' ' {
            while matches!(bytes.get(at), Some(b' ' | b'\t')) {
                at += 1;
            }
        } else if bytes.get(at)?.eq_ignore_ascii_case(&d) {
            at += 1;
        } else {
            return None;
        }
    }
    Some(at)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The `placeholders` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "placeholders",
    user_rules: false,
    variables: &["match"],
    compile: |value| Ok(Box::new(Placeholders::compile(parameters(value)?)?)),
};

impl Check for Placeholders {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, _env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc)
    }

    check_boilerplate!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str) -> Placeholders {
        let spec: PlaceholdersSpec = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
        Placeholders::compile(spec).unwrap_or_else(|(_, e)| panic!("{e}"))
    }

    fn builtin() -> Placeholders {
        check(
            r#"
fields:
  - '[…]'
  - field: '{{…}}'
    content: any
  - field: '{…}'
    content: name
  - field: '<…>'
    lowercase-starts: [your, name]
  - '( insert …)'
runs: [X, _]
phrases: [lorem ipsum]
case-sensitive-phrases: [TODO, TK, Your Name]
"#,
        )
    }

    #[track_caller]
    fn found<'a>(check: &Placeholders, text: &'a str) -> Vec<&'a str> {
        let spaced = crate::pattern::matcher::spaces_normalised(text);
        check
            .find_with(text, &spaced, None)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn fields_need_a_word_inside() {
        let c = builtin();
        assert_eq!(
            found(&c, "Dear [Name of Interviewer], see [1], [ ], {} and […]."),
            ["[Name of Interviewer]"]
        );
        assert_eq!(
            found(&c, "[ Your Name ] and {_id}"),
            ["[ Your Name ]", "{_id}"]
        );
        assert_eq!(
            found(&c, "{Company.Name} {first-name} {a, b} {x: 1} {Name’s}"),
            ["{Company.Name}", "{first-name}"]
        );
        assert_eq!(found(&c, "costs (about $5) and [2a]"), Vec::<&str>::new());
    }

    #[test]
    fn longest_opener_wins_and_nesting_is_not_a_field() {
        let c = builtin();
        assert_eq!(found(&c, "Hi {{first_name}}!"), ["{{first_name}}"]);
        assert_eq!(found(&c, "Hi {{ first_name }}."), ["{{ first_name }}"]);
        assert_eq!(found(&c, "{{x}"), ["{x}"]);
        assert_eq!(
            found(&c, "{{}} {{#if x}} {{.Name}} {} {1}"),
            ["{{}}", "{{#if x}}", "{{.Name}}"]
        );
        assert_eq!(found(&c, "[[First Name]]"), ["[First Name]"]);
        assert_eq!(found(&c, "[a [b] c]"), ["[b]"]);
    }

    #[test]
    fn unclosed_and_multiline_fields_are_not_fields() {
        let c = builtin();
        assert_eq!(found(&c, "see [Name"), Vec::<&str>::new());
        assert_eq!(found(&c, "see [Name\nof it]"), Vec::<&str>::new());
        assert_eq!(found(&c, "see [Name\r\nof it]"), Vec::<&str>::new());
        let long = format!("[{}]", "a".repeat(81));
        assert_eq!(found(&c, &long), Vec::<&str>::new());
        let fits = format!("[{}]", "a".repeat(80));
        assert_eq!(found(&c, &fits), [fits.as_str()]);
    }

    #[test]
    fn fields_next_to_utf8_and_at_the_ends() {
        let c = builtin();
        assert_eq!(found(&c, "é[Név]ü"), ["[Név]"]);
        assert_eq!(found(&c, "“{company}”"), ["{company}"]);
        assert_eq!(found(&c, "[Ørsted]"), ["[Ørsted]"]);
        assert_eq!(found(&c, "Thanks, [Your Name]"), ["[Your Name]"]);
        assert_eq!(found(&c, "Thanks, {"), Vec::<&str>::new());
    }

    #[test]
    fn angle_fields_leave_html_alone() {
        let c = builtin();
        assert_eq!(
            found(&c, "a<br>b <em>c</em> <Company> <your name> <Name_2>"),
            ["<Company>", "<your name>", "<Name_2>"]
        );
    }

    #[test]
    fn keyword_openers_end_a_word_and_take_any_content() {
        let c = builtin();
        assert_eq!(
            found(
                &c,
                "at (Insert company name) and ( insert: title ) or (insert)"
            ),
            ["(Insert company name)", "( insert: title )", "(insert)"]
        );
        assert_eq!(found(&c, "(inserted late)"), Vec::<&str>::new());
    }

    #[test]
    fn runs_of_x_are_whole_words_and_underscores_count_anywhere() {
        let c = builtin();
        assert_eq!(
            found(&c, "call XXX-XXXX, size XXXL, XX, xxx, by ____ or name___"),
            ["XXX", "XXXX", "____", "___"]
        );
        assert_eq!(found(&c, "XXX"), ["XXX"]);
        assert_eq!(found(&c, "éXXXé _XXX"), Vec::<&str>::new());
        assert_eq!(found(&c, "[____]"), ["[____]"]);
    }

    #[test]
    fn phrases_keep_or_ignore_case_per_list() {
        let c = builtin();
        assert_eq!(
            found(&c, "TODO: Lorem Ipsum. todo, tk, your name, Your Name, TKO"),
            ["TODO", "Lorem Ipsum", "Your Name"]
        );
        assert_eq!(found(&c, "Your\nName"), ["Your\nName"]);
    }

    #[test]
    fn bad_parameters_are_errors() {
        for yaml in [
            "fields: ['[]']",
            "fields: ['[……]']",
            "fields: ['…]']",
            "runs: [X]\nmin-run: 1",
            "runs: [' ']",
            "phrases: ['/x+/']",
            "max-length: 0\nruns: [X]",
            "{}",
        ] {
            let spec: PlaceholdersSpec =
                serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
            assert!(Placeholders::compile(spec).is_err(), "{yaml}");
        }
        assert!(serde_yaml::from_str::<PlaceholdersSpec>("runs: [XX]").is_err());
        assert!(
            serde_yaml::from_str::<PlaceholdersSpec>("fields: [{field: '[…]', x: 1}]").is_err()
        );
        assert!(
            serde_yaml::from_str::<PlaceholdersSpec>("fields: [{field: '[…]', content: all}]")
                .is_err()
        );
    }

    #[test]
    fn spans_map_to_source_bytes() {
        let src = "Dear Ms. Lund,\r\n\r\nI’d love to help {{company}} grow. TODO\r\n\r\nBest,\r\nPia Holm\r\n";
        let doc = Document::parse(crate::text::source::SourceFile::new("t.md", src), &[])
            .unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<_> = builtin()
            .findings(&doc)
            .into_iter()
            .map(|f| (&src[f.span], f.vars[0].1.clone()))
            .collect();
        assert_eq!(
            found,
            [
                ("{{company}}", "{{company}}".to_string()),
                ("TODO", "TODO".to_string())
            ]
        );
    }
}
