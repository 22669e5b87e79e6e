//! A listing's output as text: read to its end past a cap, with a note for anything
//! that is not shown exactly as printed (what was cut, bytes that are not UTF-8).

use tokio::io::{AsyncRead, AsyncReadExt};

/// Reads a stream to its end, keeping the first `cap` bytes. What is cut, and bytes that
/// are not UTF-8 (shown as U+FFFD), are announced in a note at the end, so the reader of
/// the transcript knows it is not the whole, exact output.
pub(super) async fn read_capped(
    mut stream: impl AsyncRead + Unpin,
    cap: usize,
) -> std::io::Result<String> {
    let mut kept = Vec::new();
    let mut dropped = 0usize;
    let mut buffer = [0u8; 8192];
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        let room = cap.saturating_sub(kept.len()).min(read);
        kept.extend_from_slice(&buffer[..room]);
        dropped += read - room;
    }
    Ok(as_text(&kept, dropped))
}

/// The kept bytes as text, with a note for anything that is not shown as printed.
fn as_text(kept: &[u8], dropped: usize) -> String {
    let mut text = String::from_utf8_lossy(kept).into_owned();
    let mut notes = Vec::new();
    // A cut can split a multi-byte character; that alone is not "binary output".
    let invalid = match std::str::from_utf8(kept) {
        Ok(_) => false,
        Err(error) => dropped == 0 || error.error_len().is_some(),
    };
    if invalid {
        notes.push("output is not valid UTF-8; invalid bytes are shown as \u{FFFD}".to_string());
    }
    if dropped > 0 {
        notes.push(format!(
            "output cut at {} bytes; {dropped} more bytes not kept",
            kept.len()
        ));
    }
    for note in notes {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("[mdbook-transcript: {note}]\n"));
    }
    text
}
