//! `serve`: the book on a local HTTP server, rebuilt whenever its sources change, with
//! mdBook's live reload telling open pages to refresh.
//!
//! Each rebuild is a plain `build` (a fresh `MDBook::load`, so `book.toml` and
//! `SUMMARY.md` edits count), so only listings whose content key changed are run again.
//! A failed rebuild prints its problems and leaves the last good book being served.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::routing::get;
use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};

use crate::files;
use crate::lock::RenderLock;
use crate::mode::Mode;
use crate::report;

use super::book::{Transcript, load};

/// Where pages open their live-reload websocket (mdBook's own HTML knows what to do).
const LIVE_RELOAD_ENDPOINT: &str = "__livereload";

/// How long to wait after a change for the editor's other writes before rebuilding.
const SETTLE: Duration = Duration::from_millis(300);

/// Builds the book at `root`, serves it on `hostname:port` (port 0: any free port) and
/// rebuilds on every change until the process is stopped.
pub(super) fn execute(root: &Path, hostname: &str, port: u16) -> Result<()> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot find the book at {}", root.display()))?;
    let html_dir = build(&root).context("the book did not build")?;

    let listener = TcpListener::bind((hostname, port))
        .with_context(|| format!("cannot listen on {hostname}:{port}"))?;
    let address = listener.local_addr()?;
    let (reload, _) = broadcast::channel::<()>(16);
    let server_reload = reload.clone();
    let server_dir = html_dir.clone();
    std::thread::Builder::new()
        .name("http".into())
        .spawn(move || serve_http(listener, server_dir, server_reload))
        .context("cannot start the HTTP server's thread")?;
    report::status(format_args!(
        "serving the book on http://{address} (Ctrl-C stops)"
    ));

    let (changed, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reads (the build opening every source) are events too; only writes count.
        if let Ok(event) = event
            && (event.kind.is_create() || event.kind.is_modify() || event.kind.is_remove())
        {
            let _ = changed.send(event.paths);
        }
    })
    .context("cannot watch the book's files")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;

    while let Ok(paths) = changes.recv() {
        let mut relevant: Vec<PathBuf> = relevant_changes(&root, &html_dir, paths);
        // Let the burst of writes (an editor saving, git switching branches) settle.
        while let Ok(more) = changes.recv_timeout(SETTLE) {
            relevant.extend(relevant_changes(&root, &html_dir, more));
        }
        let Some(first) = relevant.first() else {
            continue;
        };
        report::status(format_args!(
            "rebuilding: {} changed{}",
            first.strip_prefix(&root).unwrap_or(first).display(),
            match relevant.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            }
        ));
        match build(&root) {
            Ok(_) => {
                let _ = reload.send(());
            }
            Err(error) => report::status(format_args!(
                "the rebuild failed; still serving the last good book:\n{error:#}"
            )),
        }
    }
    Ok(())
}

/// One in-process build, configured for live reload. Returns the HTML output directory.
fn build(root: &Path) -> Result<PathBuf> {
    let mut md = load(root)?;
    md.config
        .set("output.html.live-reload-endpoint", LIVE_RELOAD_ENDPOINT)
        .context("cannot turn on live reload")?;
    // Served from `/`, whatever the book's public address is.
    md.config
        .set("output.html.site-url", "/")
        .context("cannot set the site URL")?;
    md.with_preprocessor(Transcript::for_book(Mode::build(), root));
    let root = md.root.canonicalize().unwrap_or_else(|_| md.root.clone());
    let _rendering = RenderLock::acquire(&root.join(&md.config.build.build_dir))?;
    md.build()?;
    Ok(md.build_dir_for("html"))
}

/// The paths that can change the book: sources by the same rule as a listing's content
/// key ([`files::is_source`]), and not the book's own output.
fn relevant_changes(root: &Path, html_dir: &Path, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|path| !path.starts_with(html_dir))
        .filter(|path| files::is_source(path.strip_prefix(root).unwrap_or(path)))
        .collect()
}

/// Serves `dir` and the live-reload websocket until the process ends.
fn serve_http(listener: TcpListener, dir: PathBuf, reload: broadcast::Sender<()>) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            report::status(format_args!("cannot start the HTTP server: {error}"));
            std::process::exit(1);
        }
    };
    runtime.block_on(async move {
        let not_found = ServeFile::new(dir.join("404.html"));
        let app = Router::new()
            .route(
                &format!("/{LIVE_RELOAD_ENDPOINT}"),
                get(move |upgrade: WebSocketUpgrade| async move {
                    let reloads = reload.subscribe();
                    upgrade.on_upgrade(move |socket| tell_to_reload(socket, reloads))
                }),
            )
            .fallback_service(ServeDir::new(&dir).not_found_service(not_found));
        let served = async {
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app).await
        };
        if let Err(error) = served.await {
            report::status(format_args!("the HTTP server stopped: {error}"));
            std::process::exit(1);
        }
    });
}

/// Waits for the next rebuild and tells the page, which then reloads itself.
async fn tell_to_reload(mut socket: WebSocket, mut reloads: broadcast::Receiver<()>) {
    if reloads.recv().await.is_ok() {
        let _ = socket.send(Message::text("reload")).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_count_as_changes() {
        let root = Path::new("/book");
        let html = Path::new("/book/book");
        let paths = [
            "/book/src/chapter.md",
            "/book/code/hello/src/main.rs",
            "/book/code/hello/transcript.toml",
            "/book/code/target/debug/hello",
            "/book/book/chapter.html",
            "/book/src/.chapter.md.swp",
            "/book/.git/index",
            "/book/src/chapter.md~",
            "/book/code/hello/src/#main.rs#",
            "/book/book.toml",
        ]
        .map(PathBuf::from)
        .to_vec();
        let kept: Vec<PathBuf> = relevant_changes(root, html, paths);
        assert_eq!(
            kept,
            [
                "/book/src/chapter.md",
                "/book/code/hello/src/main.rs",
                "/book/book.toml"
            ]
            .map(PathBuf::from)
        );
    }
}
