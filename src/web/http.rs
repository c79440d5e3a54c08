//! Requests: the token first (a page without it is a 404), limits on size and rate, then
//! the page, its live fragment, its event stream, or one of its forms.

use std::collections::HashMap;
use std::io::Read;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use rust_i18n::t;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::hub::{ApplyError, Hub};
use super::pages::{self, PageId};
use super::tokens::Role;
use crate::domain::rencontre::{Card, Dot, Quantity, Step};
use crate::domain::{ActionLine, LineField, Op, Owner, Status};

/// A form's body: a poster line or a card is a few hundred bytes.
pub const MAX_BODY: usize = 16 * 1024;
/// One cell or one card, in characters.
pub const MAX_TEXT: usize = 2000;

const CSS: &str = include_str!("assets/room.css");
const JS: &str = include_str!("assets/room.js");

/// A bucket of requests: `burst` at once, refilled at `per_sec`.
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Default)]
pub struct Limits {
    buckets: Mutex<HashMap<(IpAddr, String), Bucket>>,
}

impl Limits {
    /// Whether a request of `who` from `ip` may go on now.
    fn allow(&self, ip: IpAddr, who: &str, burst: f64, per_sec: f64) -> bool {
        let mut b = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if b.len() > 10_000 {
            // Forgets the full buckets (nobody in excess) before growing further.
            b.retain(|_, v| v.tokens < burst);
        }
        let now = Instant::now();
        let bucket = b.entry((ip, who.to_string())).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * per_sec;
        bucket.tokens = (bucket.tokens + refill).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// Headers every answer carries: nothing from elsewhere may run, frame or be fetched.
fn secure<R: Read>(mut r: Response<R>) -> Response<R> {
    for (n, v) in [
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ] {
        if let Some(h) = header(n, v) {
            r.add_header(h);
        }
    }
    r
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_string(body).with_status_code(StatusCode(status));
    if let Some(h) = header("Content-Type", "text/plain; charset=utf-8") {
        r.add_header(h);
    }
    if let Some(h) = header("Cache-Control", "no-store") {
        r.add_header(h);
    }
    secure(r)
}

fn html(body: String) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_string(body);
    if let Some(h) = header("Content-Type", "text/html; charset=utf-8") {
        r.add_header(h);
    }
    if let Some(h) = header("Cache-Control", "no-store") {
        r.add_header(h);
    }
    secure(r)
}

fn asset(body: &'static str, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_string(body);
    if let Some(h) = header("Content-Type", kind) {
        r.add_header(h);
    }
    if let Some(h) = header("Cache-Control", "max-age=3600") {
        r.add_header(h);
    }
    secure(r)
}

fn not_found() -> Response<std::io::Cursor<Vec<u8>>> {
    text(404, &t!("salle.http.not_found"))
}

/// A refusal shown in the field where it was typed (`X-Field`), or over the form.
fn refused(field: &str, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = text(422, message);
    if let Some(h) = header("X-Field", field) {
        r.add_header(h);
    }
    r
}

fn respond(rq: Request, r: Response<std::io::Cursor<Vec<u8>>>) {
    let _ = rq.respond(r);
}

/// Answers one request.
pub fn handle(hub: &Hub, limits: &Limits, mut rq: Request) {
    let ip = rq
        .remote_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    // Every request of one address: generous (a page and its reconnections), but a flood
    // is answered « too many » without any work.
    if !limits.allow(ip, "", 600.0, 200.0) {
        return respond(rq, too_many());
    }
    let url = rq.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let method = rq.method().clone();
    match (&method, parts.as_slice()) {
        (Method::Get, ["a", "room.css"]) => {
            return respond(rq, asset(CSS, "text/css; charset=utf-8"));
        }
        (Method::Get, ["a", "room.js"]) => {
            return respond(rq, asset(JS, "text/javascript; charset=utf-8"));
        }
        _ => {}
    }
    let Some((id, rest)) = page_of(hub, &parts) else {
        return respond(rq, not_found());
    };
    match (method, rest) {
        (Method::Get, None) => {
            let inner = hub.lock();
            let tokens = hub.tokens();
            let body = pages::page(&inner.session, &tokens, &id);
            drop((tokens, inner));
            respond(rq, html(body))
        }
        (Method::Get, Some("live")) => {
            let inner = hub.lock();
            let tokens = hub.tokens();
            let body = pages::live(&inner.session, &tokens, &id);
            drop((tokens, inner));
            respond(rq, html(body))
        }
        (Method::Get, Some("events")) => {
            if hub.connected() >= super::hub::MAX_PAGES {
                return respond(rq, text(503, &t!("salle.http.busy")));
            }
            hub.subscribe(id, rq.into_writer());
        }
        (Method::Post, Some(action)) => {
            // Each page's forms: a person types a few a minute, a voter taps a few a second.
            // The vote's first page is everyone's: a whole room claims its names there in
            // the same minute (from one address behind a router, or in a test).
            let (burst, rate) = if action == "claim" {
                (120.0, 20.0)
            } else {
                (30.0, 10.0)
            };
            if !limits.allow(ip, &id.base(), burst, rate) {
                return respond(rq, too_many());
            }
            let form = match read_form(&mut rq) {
                Ok(f) => f,
                Err(r) => return respond(rq, r),
            };
            let js = rq
                .headers()
                .iter()
                .any(|h| h.field.equiv("X-Room") && h.value.as_str() == "1");
            let answer = post(hub, &id, action, &form);
            match answer {
                Ok(Some(location)) if js => respond(rq, text(200, &location)),
                Ok(_) if js => respond(rq, text(200, "ok")),
                // Without the page's script: back to the page, like any web form.
                Ok(location) => {
                    let to = location.unwrap_or_else(|| id.base());
                    let mut r = text(303, "");
                    if let Some(h) = header("Location", &to) {
                        r.add_header(h);
                    }
                    respond(rq, r)
                }
                Err(r) => respond(rq, r),
            }
        }
        _ => respond(rq, not_found()),
    }
}

fn too_many() -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = text(429, &t!("salle.http.too_many"));
    if let Some(h) = header("Retry-After", "1") {
        r.add_header(h);
    }
    r
}

/// The page a path names, if its token (and a voter's key) is valid, and what follows.
fn page_of<'a>(hub: &Hub, parts: &[&'a str]) -> Option<(PageId, Option<&'a str>)> {
    let (&token, rest) = parts.split_first()?;
    let tokens = hub.tokens();
    let role = tokens.role_of(token)?;
    let mut id = PageId {
        role,
        token: token.to_string(),
        voter: None,
    };
    let mut rest = rest;
    if role == Role::Vote
        && let Some((&key, after)) = rest.split_first()
        && !matches!(key, "live" | "events" | "claim")
    {
        let who = tokens.voter(key)?;
        id.voter = Some((key.to_string(), who));
        rest = after;
    }
    match rest {
        [] => Some((id, None)),
        [one] => Some((id, Some(one))),
        _ => None,
    }
}

type Form = HashMap<String, String>;

fn read_form(rq: &mut Request) -> Result<Form, Response<std::io::Cursor<Vec<u8>>>> {
    if rq.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(text(413, &t!("salle.http.too_large")));
    }
    let mut body = Vec::new();
    let read = rq
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return Err(text(400, &t!("salle.http.bad_request")));
    }
    if body.len() > MAX_BODY {
        return Err(text(413, &t!("salle.http.too_large")));
    }
    Ok(form_urlencoded::parse(&body)
        .map(|(k, v)| {
            (
                k.into_owned(),
                crate::domain::clean::stored(&v).into_owned(),
            )
        })
        .collect())
}

fn field<'f>(form: &'f Form, name: &str) -> &'f str {
    form.get(name).map(String::as_str).unwrap_or("")
}

/// A text field, trimmed, refused past `MAX_TEXT` characters.
fn text_field(form: &Form, name: &str) -> Result<String, Response<std::io::Cursor<Vec<u8>>>> {
    let v = field(form, name).trim();
    if v.chars().count() > MAX_TEXT {
        return Err(refused(name, &t!("salle.error.too_long")));
    }
    Ok(v.to_string())
}

fn not_stored(e: ApplyError) -> Response<std::io::Cursor<Vec<u8>>> {
    match e {
        ApplyError::Refused(m) => refused("", &m),
        ApplyError::NotSaved(m) => text(503, &t!("salle.error.not_saved", error = m)),
    }
}

/// A form of a page. `Ok(Some(path))`: go there next (a voter's own page).
fn post(
    hub: &Hub,
    id: &PageId,
    action: &str,
    form: &Form,
) -> Result<Option<String>, Response<std::io::Cursor<Vec<u8>>>> {
    let rid = field(form, "rid");
    match (id.role, action, &id.voter) {
        (Role::Group(theme), "line", None) => post_line(hub, theme, form, rid).map(|_| None),
        (Role::Cards, "card", None) => post_card(hub, form, rid).map(|_| None),
        (Role::Vote, "claim", None) => {
            let who: crate::domain::ParticipantId = field(form, "participant")
                .parse()
                .map_err(|_| refused("", &t!("salle.error.unknown_person")))?;
            {
                let inner = hub.lock();
                if !inner.session.speakers().iter().any(|p| p.id == who) {
                    return Err(refused("", &t!("salle.error.unknown_person")));
                }
            }
            let key = hub
                .tokens()
                .claim(who)
                .map_err(|_| refused("", &t!("salle.vote.taken_long")))?;
            hub.poke();
            Ok(Some(format!("/{}/{}", id.token, key)))
        }
        (Role::Vote, "dot" | "undot", Some((_, who))) => {
            let theme: u32 = field(form, "theme")
                .parse()
                .map_err(|_| refused("", &t!("salle.error.unknown_theme")))?;
            let add = action == "dot";
            let who = *who;
            hub.edit(rid, true, |s| {
                let r = s
                    .current_rencontre()
                    .filter(|r| r.phase == Step::Vote && !r.handed_off)
                    .ok_or_else(|| ApplyError::Refused(t!("salle.vote.closed").into_owned()))?;
                let op = if add {
                    r.can_vote(&s.participants, who, theme)
                        .map_err(|e| ApplyError::Refused(t!(refusal_key(e)).into_owned()))?;
                    Op::AddDot {
                        rencontre: r.number,
                        dot: Dot {
                            id: r.next_dot_id(),
                            participant: who,
                            theme,
                        },
                    }
                } else {
                    let dot = r
                        .dots
                        .iter()
                        .rev()
                        .find(|d| d.participant == who && d.theme == theme)
                        .ok_or_else(|| {
                            ApplyError::Refused(t!("salle.vote.none_here").into_owned())
                        })?;
                    Op::RemoveDot {
                        rencontre: r.number,
                        dot: dot.id,
                    }
                };
                Ok((op, None, ()))
            })
            .map_err(not_stored)?;
            Ok(None)
        }
        _ => Err(text(404, &t!("salle.http.not_found"))),
    }
}

fn refusal_key(e: crate::domain::rencontre::DotRefusal) -> &'static str {
    use crate::domain::rencontre::DotRefusal as R;
    match e {
        R::NoDotsLeft => "salle.vote.no_dots_left",
        R::ThemeFull => "salle.vote.theme_full",
        R::UnknownTheme => "salle.error.unknown_theme",
        R::UnknownParticipant => "salle.error.unknown_person",
    }
}

fn post_line(
    hub: &Hub,
    theme: crate::domain::ThemeId,
    form: &Form,
    rid: &str,
) -> Result<(), Response<std::io::Cursor<Vec<u8>>>> {
    let solution = text_field(form, "solution")?;
    let action = text_field(form, "action")?;
    let owners = text_field(form, "owners")?;
    let due = text_field(form, "due")?;
    let status = pages::status_from(field(form, "status")).unwrap_or(Status::Todo);
    let line_id = field(form, "line").trim();
    if line_id.is_empty() {
        if solution.is_empty() && action.is_empty() {
            return Err(refused("solution", &t!("salle.error.empty_line")));
        }
        hub.edit(rid, true, |s| {
            let workshop = s.current_workshop().map(|w| w.number).unwrap_or(1);
            let g = s
                .group(theme)
                .ok_or_else(|| ApplyError::Refused(t!("salle.no_group").into_owned()))?;
            let mut line = ActionLine::new(s.next_line_id(), workshop);
            line.solution = solution;
            line.action = action;
            line.owners = Owner::parse_list(&owners);
            line.due = crate::domain::due::Due::parse(&due);
            line.status = status;
            Ok((
                Op::AddLine {
                    theme,
                    index: g.poster.lines.len(),
                    line,
                },
                None,
                (),
            ))
        })
        .map_err(not_stored)?;
        return Ok(());
    }
    let line: crate::domain::LineId = line_id
        .parse()
        .map_err(|_| refused("", &t!("salle.error.line_gone")))?;
    // What the page showed when the person started: only the cells they changed are sent,
    // and the merge knows what each replaced (as in the terminal's editor).
    let seen = |name: &str| field(form, &format!("seen_{name}")).trim().to_string();
    let mut cells: Vec<(LineField, LineField)> = Vec::new();
    if solution != seen("solution") {
        cells.push((
            LineField::Solution(solution),
            LineField::Solution(seen("solution")),
        ));
    }
    if action != seen("action") {
        cells.push((LineField::Action(action), LineField::Action(seen("action"))));
    }
    if owners != seen("owners") {
        cells.push((
            LineField::Owners(Owner::parse_list(&owners)),
            LineField::Owners(Owner::parse_list(&seen("owners"))),
        ));
    }
    if due != seen("due") {
        cells.push((
            LineField::Due(crate::domain::due::Due::parse(&due)),
            LineField::Due(crate::domain::due::Due::parse(&seen("due"))),
        ));
    }
    if pages::status_code(status) != seen("status") {
        let before = pages::status_from(&seen("status")).unwrap_or_default();
        cells.push((LineField::Status(status), LineField::Status(before)));
    }
    if cells.is_empty() {
        return Ok(());
    }
    hub.edit(rid, false, |s| {
        if s.group_of_line(line) != Some(theme) {
            return Err(ApplyError::Refused(
                t!("salle.error.line_gone").into_owned(),
            ));
        }
        let (ops, seen): (Vec<Op>, Vec<Op>) = cells
            .into_iter()
            .map(|(new, old)| {
                (
                    Op::SetLine { line, field: new },
                    Op::SetLine { line, field: old },
                )
            })
            .unzip();
        Ok((Op::Batch(ops), Some(Op::Batch(seen)), ()))
    })
    .map_err(not_stored)?;
    Ok(())
}

fn post_card(hub: &Hub, form: &Form, rid: &str) -> Result<(), Response<std::io::Cursor<Vec<u8>>>> {
    let text = text_field(form, "text")?;
    if text.is_empty() {
        return Err(refused("text", &t!("salle.error.empty_card")));
    }
    let kind = pages::kind_from(field(form, "kind")).unwrap_or_default();
    let flow = pages::flow_from(field(form, "flow"));
    let qty_text = field(form, "quantity").trim();
    let quantity =
        if qty_text.is_empty() {
            None
        } else {
            Some(Quantity::parse(qty_text).ok_or_else(|| {
                refused("quantity", &t!("salle.error.quantity", typed = qty_text))
            })?)
        };
    let author: Option<crate::domain::ParticipantId> = field(form, "author").parse().ok();
    hub.edit(rid, true, |s| {
        let r = s
            .current_rencontre()
            .filter(|r| !r.handed_off)
            .ok_or_else(|| ApplyError::Refused(t!("salle.no_rencontre").into_owned()))?;
        let author = author.filter(|a| s.speakers().iter().any(|p| p.id == *a));
        let mut card = Card::new(r.next_card_id(), text, kind);
        card.author = author;
        card.flow = flow;
        card.quantity = quantity;
        Ok((
            Op::AddCard {
                rencontre: r.number,
                index: r.cards.len(),
                card,
            },
            None,
            (),
        ))
    })
    .map_err(not_stored)?;
    Ok(())
}
