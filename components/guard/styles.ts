/** Styles of the guard's shadow root. :host resets the page's inherited styles; sizes in px (page rem varies). */
export const GUARD_CSS = `
:host { all: initial !important; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2328; }
.layer * { box-sizing: border-box; }
.overlay { position: fixed; overflow: hidden; pointer-events: none; }
.mirror { position: absolute; left: 0; top: 0; color: transparent; white-space: pre-wrap; overflow-wrap: break-word; }
.mirror mark { background: transparent; color: transparent; text-decoration: underline wavy; text-decoration-thickness: 1.5px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
.mirror mark.block { text-decoration-color: #d1242f; background: rgba(209,36,47,.08); }
.mirror mark.warn { text-decoration-color: #bf8700; background: rgba(191,135,0,.08); }
.badge { position: fixed; pointer-events: auto; display: inline-flex; align-items: center; gap: 4px; height: 22px; padding: 0 8px; border-radius: 11px; border: 1px solid #d0d7de; background: #fff; color: #1f2328; font: inherit; font-size: 12px; cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.badge:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.dot { width: 8px; height: 8px; border-radius: 50%; }
.clean .dot { background: #1a7f37; } .warn .dot { background: #bf8700; } .block .dot { background: #d1242f; }
.menu { position: fixed; pointer-events: auto; width: 300px; max-height: 60vh; overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.18); padding: 10px; }
.menu h3, .dialog h2 { margin: 0 0 6px; font-size: 13px; font-weight: 600; }
.menu label { display: block; margin: 2px 0; }
.card { position: fixed; pointer-events: auto; max-width: 340px; background: #fff; border: 1px solid #d0d7de; border-left-width: 4px; border-radius: 6px; box-shadow: 0 8px 24px rgba(0,0,0,.18); padding: 8px 10px; }
.card.block, .finding.block { border-left-color: #d1242f; } .card.warn, .finding.warn { border-left-color: #bf8700; }
.msg { font-weight: 600; margin-bottom: 2px; }
.src { color: #57606a; font-size: 12px; }
.fix { margin-top: 4px; padding: 4px 6px; background: #dafbe1; border-radius: 4px; }
.row { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
button { font: inherit; font-size: 12px; padding: 3px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; color: #1f2328; cursor: pointer; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
button.danger { background: #cf222e; border-color: #a40e26; color: #fff; }
button:disabled { opacity: .5; cursor: not-allowed; }
.backdrop { position: fixed; inset: 0; pointer-events: auto; background: rgba(27,31,36,.45); display: flex; align-items: center; justify-content: center; }
.dialog { width: min(560px, 94vw); max-height: 86vh; overflow: auto; background: #fff; border-radius: 10px; padding: 16px 18px; box-shadow: 0 12px 32px rgba(0,0,0,.3); }
.dialog h2 { font-size: 16px; }
.finding { border: 1px solid #d0d7de; border-left-width: 4px; border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.quote { font-family: inherit; background: #fff8c5; padding: 0 2px; }
.notice { color: #a40e26; margin: 6px 0; }
textarea.just { width: 100%; min-height: 64px; font: inherit; padding: 6px; border: 1px solid #d0d7de; border-radius: 6px; }
.hint { color: #57606a; font-size: 12px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

/** Page-level highlight styles (::highlight rules only work from the composer's own tree's stylesheets). */
export const HIGHLIGHT_CSS = `
::highlight(draftguard-block) { text-decoration: underline wavy #d1242f; text-decoration-thickness: 1.5px; text-underline-offset: 3px; background-color: rgba(209,36,47,.10); }
::highlight(draftguard-warn) { text-decoration: underline wavy #bf8700; text-decoration-thickness: 1.5px; text-underline-offset: 3px; background-color: rgba(191,135,0,.10); }
`;
