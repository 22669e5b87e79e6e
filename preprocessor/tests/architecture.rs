//! The crate's shape, checked: imports only go down (commands -> pipeline -> stages ->
//! leaf modules), with no cycle; nothing but `main` is public; every line printed to a
//! person goes through `report`; functions and files stay small enough to read.
//!
//! Each source file is parsed with `syn`; code under `#[cfg(test)]` is left out, since
//! tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

/// The longest a function may be, in lines (its signature and body).
const MAX_FUNCTION_LINES: usize = 80;
/// The longest a source file may be, in lines.
const MAX_FILE_LINES: usize = 400;
/// The modules that sit above the leaf modules, outermost first.
const LAYERS: [&str; 2] = ["cli", "pipeline"];

/// A module of the crate: `crate::pipeline::run` is `["pipeline", "run"]`.
type Module = Vec<String>;

struct SourceFile {
    module: Module,
    path: PathBuf,
    text: String,
    syntax: syn::File,
}

fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut pending = vec![src.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("main.rs")
                && !path.ends_with("tests.rs")
            {
                // `tests.rs` files are `#[cfg(test)] mod tests;` of their parent.
                let text = std::fs::read_to_string(&path).unwrap();
                let syntax = syn::parse_file(&text)
                    .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
                files.push(SourceFile {
                    module: module_of(path.strip_prefix(&src).unwrap()),
                    path,
                    text,
                    syntax,
                });
            }
        }
    }
    files.sort_by(|a, b| a.module.cmp(&b.module));
    files
}

/// `lib.rs` -> `[]`, `cli/mod.rs` -> `["cli"]`, `pipeline/run/output.rs` -> `["pipeline", "run", "output"]`.
fn module_of(relative: &Path) -> Module {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

/// Every crate path a file names outside its tests, resolved to absolute module paths.
struct References<'a> {
    here: &'a Module,
    modules: &'a BTreeSet<&'a Module>,
    found: BTreeSet<Vec<String>>,
}

impl References<'_> {
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        match first.as_str() {
            "crate" => Some(rest.to_vec()),
            "self" => Some(self.here.iter().chain(rest).cloned().collect()),
            "super" => {
                let mut base = self.here.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                Some(base.into_iter().chain(rest.iter().cloned()).collect())
            }
            // `use judge::Ran;` in `pipeline/mod.rs`: a child module, named relatively.
            child => {
                let mut module = self.here.clone();
                module.push(child.to_string());
                self.modules
                    .contains(&module)
                    .then(|| self.here.iter().chain(segments).cloned().collect())
            }
        }
    }

    fn add(&mut self, segments: Vec<String>) {
        if let Some(path) = self.absolute(&segments) {
            self.found.insert(path);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                let mut whole = prefix.clone();
                whole.push(name.ident.to_string());
                self.add(whole);
            }
            syn::UseTree::Rename(rename) => {
                let mut whole = prefix.clone();
                whole.push(rename.ident.to_string());
                self.add(whole);
            }
            syn::UseTree::Glob(_) => self.add(prefix.clone()),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for References<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_cfg_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        if !is_cfg_test(&function.attrs) {
            syn::visit::visit_impl_item_fn(self, function);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {
        // `pub(crate)`, `pub(super)`: paths, but not references to anything.
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Paths inside `format_args!(...)` and friends are tokens, not syntax: look for
        // `crate::a::b` written there too.
        let tokens: Vec<String> = mac
            .tokens
            .clone()
            .into_iter()
            .map(|t| t.to_string())
            .collect();
        for (at, token) in tokens.iter().enumerate() {
            if token == "crate" {
                let path: Vec<String> = std::iter::once("crate".to_string())
                    .chain(
                        tokens[at + 1..]
                            .chunks(3)
                            .take_while(|c| c.len() == 3 && c[0] == ":" && c[1] == ":")
                            .map(|c| c[2].clone()),
                    )
                    .collect();
                self.add(path);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// Which module each file's references land in: the longest known module that prefixes
/// the path (an item of `crate::report` lands in `report`).
fn dependencies(files: &[SourceFile]) -> BTreeMap<Module, BTreeSet<Module>> {
    let modules: BTreeSet<&Module> = files.iter().map(|f| &f.module).collect();
    files
        .iter()
        .map(|file| {
            let mut refs = References {
                here: &file.module,
                modules: &modules,
                found: BTreeSet::new(),
            };
            refs.visit_file(&file.syntax);
            let targets = refs
                .found
                .iter()
                .filter_map(|path| {
                    (0..=path.len())
                        .rev()
                        .map(|n| path[..n].to_vec())
                        .find(|prefix| modules.contains(prefix))
                })
                .filter(|target| !target.is_empty() && target != &file.module)
                .collect();
            (file.module.clone(), targets)
        })
        .collect()
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// The layer of a module: 0 for `cli`, 1 for `pipeline` and its stages, 2 for leaves.
fn layer(module: &Module) -> usize {
    module
        .first()
        .and_then(|top| LAYERS.iter().position(|layer| layer == top))
        .unwrap_or(LAYERS.len())
}

#[test]
fn imports_only_go_down_a_layer_never_up_to_a_parent_or_an_outer_layer() {
    let mut wrong = Vec::new();
    for (from, targets) in dependencies(&source_files()) {
        if from.is_empty() {
            continue; // lib.rs declares the modules and re-exports `main`
        }
        for to in targets {
            if from.starts_with(&to) {
                wrong.push(format!("{} imports its parent {}", name(&from), name(&to)));
            } else if layer(&to) < layer(&from) {
                wrong.push(format!(
                    "{} imports {}, a layer above it",
                    name(&from),
                    name(&to)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let graph = dependencies(&source_files());
    let mut cycles = Vec::new();
    for start in graph.keys() {
        // Depth-first from `start`: reaching `start` again is a cycle.
        let mut stack: Vec<(Module, Vec<Module>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let mut names: Vec<String> = trail.iter().map(name).collect();
                    names.push(name(start));
                    cycles.push(names.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// An item's visibility and name, for the kinds of item that have both.
fn visibility_and_name(item: &syn::Item) -> Option<(&syn::Visibility, String)> {
    Some(match item {
        syn::Item::Fn(f) => (&f.vis, f.sig.ident.to_string()),
        syn::Item::Struct(s) => (&s.vis, s.ident.to_string()),
        syn::Item::Enum(e) => (&e.vis, e.ident.to_string()),
        syn::Item::Const(c) => (&c.vis, c.ident.to_string()),
        syn::Item::Static(s) => (&s.vis, s.ident.to_string()),
        syn::Item::Type(t) => (&t.vis, t.ident.to_string()),
        syn::Item::Mod(m) => (&m.vis, m.ident.to_string()),
        syn::Item::Use(u) => (&u.vis, "use".to_string()),
        syn::Item::Trait(t) => (&t.vis, t.ident.to_string()),
        _ => return None,
    })
}

/// The names of the public items among `items`.
fn public_names(items: &[syn::Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(visibility_and_name)
        .filter(|(visibility, _)| matches!(visibility, syn::Visibility::Public(_)))
        .map(|(_, what)| what)
        .collect()
}

#[test]
fn the_public_surface_is_main_alone() {
    let files = source_files();
    let public: Vec<String> = files
        .iter()
        .flat_map(|file| {
            public_names(&file.syntax.items)
                .into_iter()
                .map(|what| format!("{}: {what}", name(&file.module)))
        })
        .collect();
    // `fuzzing` is the one exception: the fuzz targets in `fuzz/` are a crate of their
    // own, so they can reach the directive parser and the snapshot reader only through
    // something public. It is hidden from the docs and holds those two entry points alone.
    assert_eq!(public, ["crate: use", "crate: fuzzing", "cli: main"]);
    let fuzzing = files[0]
        .syntax
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "fuzzing" => Some(m),
            _ => None,
        })
        .expect("lib.rs declares `fuzzing` inline");
    assert!(
        fuzzing.attrs.iter().any(|attr| attr.path().is_ident("doc")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|arg| arg == "hidden")),
        "`fuzzing` is #[doc(hidden)]"
    );
    let inside = &fuzzing.content.as_ref().expect("an inline module").1;
    assert_eq!(public_names(inside), ["parse_chapter", "read_snapshot"]);
    assert!(
        inside
            .iter()
            .all(|item| matches!(item, syn::Item::Fn(_) | syn::Item::Use(_))),
        "`fuzzing` holds functions only"
    );
}

/// Macros that print; only `report` may use them.
const PRINTING: [&str; 4] = ["println", "eprintln", "print", "eprint"];

struct Prints<'a> {
    file: &'a SourceFile,
    found: Vec<String>,
}

impl<'ast> Visit<'ast> for Prints<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if PRINTING.iter().any(|p| mac.path.is_ident(p)) {
            let line = mac.span().start().line;
            self.found
                .push(format!("{}:{line}", self.file.path.display()));
        }
    }
}

#[test]
fn every_line_for_a_person_is_printed_by_report() {
    let files = source_files();
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.module != ["report"]) {
        let mut prints = Prints {
            file,
            found: Vec::new(),
        };
        prints.visit_file(&file.syntax);
        found.extend(prints.found);
    }
    assert!(
        found.is_empty(),
        "printed outside report.rs:\n{}",
        found.join("\n")
    );
}

struct LongFunctions<'a> {
    file: &'a SourceFile,
    found: Vec<String>,
}

impl LongFunctions<'_> {
    fn check(&mut self, name: &syn::Ident, span: proc_macro2::Span) {
        let lines = span.end().line - span.start().line + 1;
        if lines > MAX_FUNCTION_LINES {
            self.found.push(format!(
                "{}:{}: `{name}` has {lines} lines",
                self.file.path.display(),
                span.start().line
            ));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        self.check(&function.sig.ident, function.span());
        syn::visit::visit_item_fn(self, function);
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        self.check(&function.sig.ident, function.span());
        syn::visit::visit_impl_item_fn(self, function);
    }
}

#[test]
fn functions_and_files_are_small_enough_to_read() {
    let files = source_files();
    let mut found = Vec::new();
    for file in &files {
        let lines = file.text.lines().count();
        if lines > MAX_FILE_LINES {
            found.push(format!("{}: {lines} lines", file.path.display()));
        }
        let mut long = LongFunctions {
            file,
            found: Vec::new(),
        };
        long.visit_file(&file.syntax);
        found.extend(long.found);
    }
    assert!(found.is_empty(), "too long:\n{}", found.join("\n"));
}

#[test]
fn this_check_sees_what_it_checks() {
    // A check that finds nothing because it reads nothing would always pass.
    let files = source_files();
    assert!(files.len() > 20, "{} files", files.len());
    let graph = dependencies(&files);
    let pipeline = &graph[&vec!["pipeline".to_string()]];
    assert!(pipeline.contains(&vec!["pipeline".into(), "judge".into()]));
    assert!(pipeline.contains(&vec!["report".into()]));
    let judge = &graph[&vec!["pipeline".to_string(), "judge".to_string()]];
    assert!(judge.contains(&vec!["pipeline".into(), "snapshot".into()]));
}
