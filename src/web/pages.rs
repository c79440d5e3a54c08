//! The room's pages: server-rendered HTML, one fragment (`#live`) that the server pushes again
//! at every change, and the forms outside it, which a change never touches (what a person is
//! typing stays). Every text from the session is escaped here, once, by `esc`.

use std::fmt::Write as _;

use rust_i18n::t;

use super::tokens::{Role, Tokens};
use crate::domain::rencontre::{CardKind, Flow, Rencontre, Step};
use crate::domain::{ParticipantId, Session, Status, TimerState};

/// Which page a request or an event stream is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageId {
    pub role: Role,
    pub token: String,
    /// The vote's page of one person: their key and who they are.
    pub voter: Option<(String, ParticipantId)>,
}

impl PageId {
    /// The page's own path: `/TOKEN` or, for a voter, `/TOKEN/KEY`.
    pub fn base(&self) -> String {
        match &self.voter {
            Some((key, _)) => format!("/{}/{}", self.token, key),
            None => format!("/{}", self.token),
        }
    }
}

/// Whether the link a page was opened with still works (not revoked).
pub fn still_valid(tokens: &Tokens, id: &PageId) -> bool {
    tokens.token(id.role) == Some(id.token.as_str())
        && id
            .voter
            .as_ref()
            .is_none_or(|(key, p)| tokens.voter(key) == Some(*p))
}

/// Text from the session or a page, as HTML: what never reaches an export removed
/// (`domain::clean`), then the five characters HTML gives a meaning escaped.
pub fn esc(s: &str) -> String {
    crate::export::html::escape(&crate::domain::clean::for_export(s))
}

fn role_title(session: &Session, role: Role) -> String {
    match role {
        Role::View => t!("salle.role.view").into_owned(),
        Role::Group(theme) => session
            .theme(theme)
            .map(|th| th.title.clone())
            .unwrap_or_else(|| t!("salle.role.group").into_owned()),
        Role::Cards => t!("salle.role.cards").into_owned(),
        Role::Vote => t!("salle.role.vote").into_owned(),
    }
}

/// A whole page: the header, the live fragment, the forms of its role.
pub fn page(session: &Session, tokens: &Tokens, id: &PageId) -> String {
    let lang = crate::text::Lang::current().code();
    let base = id.base();
    let mut o = String::with_capacity(8192);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title} · {session}</title>\
         <link rel=\"stylesheet\" href=\"/a/room.css\">\
         <script src=\"/a/room.js\" defer></script></head>\n\
         <body data-base=\"{base}\" data-offline=\"{offline}\" data-unsent=\"{unsent}\" \
         data-revoked=\"{revoked}\" data-sent=\"{sent}\" data-time-over=\"{over}\">\n\
         <header><h1>{session}</h1><p class=\"role\">{title}</p>\
         <p id=\"net\" class=\"net\" role=\"status\" aria-live=\"polite\"></p></header>\n\
         <noscript><p class=\"error\">{noscript}</p></noscript>\n",
        title = esc(&role_title(session, id.role)),
        session = esc(&session.title),
        offline = esc(&t!("salle.net.offline")),
        unsent = esc(&t!("salle.net.unsent")),
        revoked = esc(&t!("salle.net.revoked")),
        sent = esc(&t!("salle.net.sent")),
        over = esc(&t!("salle.time_over")),
        noscript = esc(&t!("salle.noscript")),
    );
    let _ = writeln!(
        o,
        "<main id=\"live\" data-events=\"{base}/events\">{}</main>",
        live(session, tokens, id)
    );
    match id.role {
        Role::Group(_) => line_form(&mut o, &base),
        Role::Cards => card_form(&mut o, session, &base),
        Role::View | Role::Vote => {}
    }
    o.push_str("</body></html>\n");
    o
}

/// The part of a page the server pushes again at each change.
pub fn live(session: &Session, tokens: &Tokens, id: &PageId) -> String {
    let mut o = String::with_capacity(4096);
    match id.role {
        Role::View => view(&mut o, session),
        Role::Group(theme) => group(&mut o, session, theme, true),
        Role::Cards => cards(&mut o, session),
        Role::Vote => match &id.voter {
            Some((_, p)) => voter(&mut o, session, *p, &id.base()),
            None => vote_names(&mut o, session, tokens, &id.base()),
        },
    }
    o
}

/// The step and its timer: the rencontre's while one is under way, else the workshop's.
fn step_line(o: &mut String, session: &Session) {
    let now = super::now();
    let (label, timer) = match session.current_rencontre().filter(|r| !r.handed_off) {
        Some(r) => (
            format!(
                "{} · {}",
                t!("rstep.rencontre", n = r.number),
                t!(r.phase.kind().label_key())
            ),
            r.timer.live(now),
        ),
        None => match session.current_workshop() {
            Some(w) => (
                format!(
                    "{} · {}",
                    t!("salle.workshop", n = w.number),
                    t!(w.phase.kind().label_key())
                ),
                w.timer.live(now),
            ),
            None => return,
        },
    };
    let (secs, over) = match timer.state(now) {
        TimerState::Remaining(s) => (s, false),
        TimerState::Overtime(s) => (s, true),
    };
    let running = if timer.is_running() { "1" } else { "0" };
    let shown = format!(
        "{}{:02}:{:02}",
        if over { "+" } else { "" },
        secs / 60,
        secs % 60
    );
    let _ = write!(
        o,
        "<section class=\"step\"><h2>{}</h2><p class=\"timer{}\" data-left=\"{}\" \
         data-running=\"{running}\">{shown}</p></section>",
        esc(&label),
        if over { " over" } else { "" },
        if over { -secs } else { secs },
    );
}

/// The room view: during a rencontre, its results once shown and the wall of cards; during
/// the workshops, every group's poster.
fn view(o: &mut String, session: &Session) {
    step_line(o, session);
    if let Some(r) = session.current_rencontre().filter(|r| !r.handed_off) {
        if r.phase == Step::Vote && r.revealed {
            results(o, session, r);
        }
        card_list(o, session, r);
        return;
    }
    for (theme, _) in session.groups_in_order() {
        group(o, session, theme.id, false);
    }
}

/// A group's poster: its lines as cards (a phone is narrower than four columns).
fn group(o: &mut String, session: &Session, theme: crate::domain::ThemeId, editable: bool) {
    let (Some(th), Some(g)) = (session.theme(theme), session.group(theme)) else {
        let _ = write!(o, "<p class=\"empty\">{}</p>", esc(&t!("salle.no_group")));
        return;
    };
    let _ = write!(o, "<section class=\"poster\"><h2>{}</h2>", esc(&th.title));
    if editable && !th.constat.trim().is_empty() {
        let _ = write!(
            o,
            "<p class=\"constat\">{}</p>",
            esc(&th.constat).replace('\n', "<br>")
        );
    }
    if g.poster.lines.iter().all(|l| l.is_blank()) {
        let _ = write!(o, "<p class=\"empty\">{}</p>", esc(&t!("salle.no_lines")));
    }
    for l in g.poster.lines.iter().filter(|l| !l.is_blank() || editable) {
        let owners = crate::domain::Owner::format_list(&l.owners);
        let due = crate::text::due(&l.due);
        let status = t!(l.status.label_key());
        let _ = write!(
            o,
            "<article class=\"line {cls}\" id=\"line-{id}\">\
             <p class=\"sol\"><b>{sol_l}</b> {sol}</p><p class=\"act\"><b>{act_l}</b> {act}</p>\
             <p class=\"meta\"><span>{own_l} {own}</span> <span>{due_l} {due}</span> \
             <span class=\"st\">{status}</span></p>",
            cls = status_code(l.status),
            id = l.id,
            sol_l = esc(&crate::export::html::colon(&t!("poster.col.solution"))),
            act_l = esc(&crate::export::html::colon(&t!("poster.col.action"))),
            own_l = esc(&crate::export::html::colon(&t!("poster.col.owners"))),
            due_l = esc(&crate::export::html::colon(&t!("poster.col.due"))),
            sol = esc(&l.solution),
            act = esc(&l.action),
            own = esc(or_dash(&owners)),
            due = esc(or_dash(&due)),
            status = esc(&status),
        );
        if editable {
            let _ = write!(
                o,
                "<button type=\"button\" class=\"edit\" data-line=\"{id}\" \
                 data-solution=\"{sol}\" data-action=\"{act}\" data-owners=\"{own}\" \
                 data-due=\"{due}\" data-status=\"{st}\">{label}</button>",
                id = l.id,
                sol = esc(&l.solution),
                act = esc(&l.action),
                own = esc(&owners),
                due = esc(&due),
                st = status_code(l.status),
                label = esc(&t!("salle.edit")),
            );
        }
        o.push_str("</article>");
    }
    o.push_str("</section>");
}

/// A count in words, singular or plural (`text::plural`).
fn count(key: &str, n: usize) -> String {
    t!(&crate::text::plural(n, key), n = n).into_owned()
}

/// An empty cell shown as a dash, so that a label is never followed by nothing.
fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() { "—" } else { s }
}

pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::Todo => "todo",
        Status::InProgress => "doing",
        Status::Done => "done",
        Status::Abandoned => "dropped",
    }
}

pub fn status_from(code: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| status_code(*s) == code)
}

fn line_form(o: &mut String, base: &str) {
    let field = |o: &mut String, name: &str, label: &str, area: bool| {
        let input = if area {
            format!(
                "<textarea name=\"{name}\" id=\"f-{name}\" rows=\"2\" maxlength=\"2000\"></textarea>"
            )
        } else {
            format!(
                "<input name=\"{name}\" id=\"f-{name}\" maxlength=\"2000\" autocomplete=\"off\">"
            )
        };
        let _ = write!(
            o,
            "<label for=\"f-{name}\">{}</label>{input}<p class=\"field-error\" data-for=\"{name}\"></p>",
            esc(label)
        );
    };
    let _ = write!(
        o,
        "<form class=\"send draft\" id=\"line-form\" method=\"post\" action=\"{base}/line\">\
         <h2 data-new=\"{new}\" data-edit=\"{edit}\">{new}</h2>\
         <input type=\"hidden\" name=\"line\" value=\"\">",
        new = esc(&t!("salle.line.new")),
        edit = esc(&t!("salle.line.edit")),
    );
    for name in ["solution", "action", "owners", "due", "status"] {
        let _ = write!(o, "<input type=\"hidden\" name=\"seen_{name}\" value=\"\">");
    }
    field(o, "solution", &t!("poster.col.solution"), true);
    field(o, "action", &t!("poster.col.action"), true);
    field(o, "owners", &t!("poster.col.owners"), false);
    field(o, "due", &t!("poster.col.due"), false);
    let _ = write!(
        o,
        "<label for=\"f-status\">{}</label><select name=\"status\" id=\"f-status\">",
        esc(&t!("poster.col.status"))
    );
    for s in Status::ALL {
        option(o, status_code(s), &t!(s.label_key()));
    }
    let _ = write!(
        o,
        "</select><p class=\"form-error\" role=\"alert\"></p><div class=\"buttons\">\
         <button type=\"submit\">{save}</button>\
         <button type=\"button\" class=\"cancel\">{cancel}</button></div></form>",
        save = esc(&t!("salle.save")),
        cancel = esc(&t!("salle.cancel")),
    );
}

fn cards(o: &mut String, session: &Session) {
    let Some(r) = session.current_rencontre() else {
        no_rencontre(o);
        return;
    };
    step_line(o, session);
    card_list(o, session, r);
}

/// The rencontre's cards, newest first, with their kind, quantity and author.
fn card_list(o: &mut String, session: &Session, r: &Rencontre) {
    let _ = write!(
        o,
        "<section class=\"cards\"><h2>{}</h2>",
        esc(&count("salle.cards_count", r.cards.len()))
    );
    for c in r.cards.iter().rev() {
        let author = c
            .author
            .and_then(|a| session.participant(a))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let qty = c
            .quantity
            .as_ref()
            .map(|q| q.to_text(crate::text::Lang::current() == crate::text::Lang::Fr))
            .unwrap_or_default();
        let _ = write!(
            o,
            "<article class=\"card {kind}\"><p class=\"kind\">{label}</p><p>{text}</p>\
             <p class=\"meta\">{qty} {author}</p></article>",
            kind = kind_code(c.kind),
            label = esc(&t!(c.kind.label_key())),
            text = esc(&c.text).replace('\n', "<br>"),
            qty = esc(&qty),
            author = esc(&author),
        );
    }
    o.push_str("</section>");
}

pub fn kind_code(k: CardKind) -> &'static str {
    match k {
        CardKind::Need => "need",
        CardKind::Offer => "offer",
        CardKind::Lead => "lead",
        CardKind::Question => "question",
        CardKind::OutOfScope => "out",
    }
}

pub fn kind_from(code: &str) -> Option<CardKind> {
    CardKind::ALL.into_iter().find(|k| kind_code(*k) == code)
}

pub fn flow_code(f: Flow) -> String {
    format!("{:?}", f).to_lowercase()
}

pub fn flow_from(code: &str) -> Option<Flow> {
    Flow::ALL.into_iter().find(|f| flow_code(*f) == code)
}

fn card_form(o: &mut String, session: &Session, base: &str) {
    let _ = write!(
        o,
        "<form class=\"send draft\" id=\"card-form\" method=\"post\" action=\"{base}/card\">\
         <h2>{title}</h2><label for=\"f-kind\">{kind}</label><select name=\"kind\" id=\"f-kind\">",
        title = esc(&t!("salle.card.new")),
        kind = esc(&t!("salle.card.kind")),
    );
    for k in CardKind::ALL {
        option(o, kind_code(k), &t!(k.label_key()));
    }
    let _ = write!(
        o,
        "</select><label for=\"f-text\">{text}</label>\
         <textarea name=\"text\" id=\"f-text\" rows=\"3\" maxlength=\"2000\"></textarea>\
         <p class=\"field-error\" data-for=\"text\"></p>\
         <label for=\"f-quantity\">{qty}</label>\
         <input name=\"quantity\" id=\"f-quantity\" maxlength=\"60\" autocomplete=\"off\" placeholder=\"{qty_eg}\">\
         <p class=\"field-error\" data-for=\"quantity\"></p>\
         <label for=\"f-flow\">{flow}</label><select name=\"flow\" id=\"f-flow\"><option value=\"\">—</option>",
        text = esc(&t!("salle.card.text")),
        qty = esc(&t!("salle.card.quantity")),
        qty_eg = esc(&t!("salle.card.quantity_eg")),
        flow = esc(&t!("salle.card.flow")),
    );
    for f in Flow::ALL {
        option(o, &flow_code(f), &t!(f.label_key()));
    }
    let _ = write!(
        o,
        "</select><label for=\"f-author\">{author}</label><select name=\"author\" id=\"f-author\">\
         <option value=\"\">—</option>",
        author = esc(&t!("salle.card.author")),
    );
    for p in session.speakers() {
        let name = if p.organisation.trim().is_empty() {
            p.name.clone()
        } else {
            format!("{} ({})", p.name, p.organisation)
        };
        option(o, &p.id.to_string(), &name);
    }
    let _ = write!(
        o,
        "</select><p class=\"form-error\" role=\"alert\"></p><div class=\"buttons\">\
         <button type=\"submit\">{save}</button></div></form>",
        save = esc(&t!("salle.card.add")),
    );
}

/// One choice of a list: its value, its label (escaped here).
fn option(o: &mut String, value: &str, label: &str) {
    let _ = write!(
        o,
        "<option value=\"{}\">{}</option>",
        esc(value),
        esc(label)
    );
}

/// What the rencontre's pages say when there is none.
fn no_rencontre(o: &mut String) {
    let _ = write!(
        o,
        "<p class=\"empty\">{}</p>",
        esc(&t!("salle.no_rencontre"))
    );
}

/// The vote's first page: each person taps their name (once).
fn vote_names(o: &mut String, session: &Session, tokens: &Tokens, base: &str) {
    let Some(r) = session.current_rencontre() else {
        no_rencontre(o);
        return;
    };
    step_line(o, session);
    let _ = write!(
        o,
        "<section class=\"names\"><h2>{}</h2><p>{}</p><p class=\"resume\"></p>",
        esc(&t!("salle.vote.who")),
        esc(&t!(
            "salle.vote.rules",
            dots = r.vote.per_person,
            per_theme = r.vote.per_theme
        )),
    );
    for p in session.speakers() {
        let taken = tokens.claimed(p.id);
        let org = if p.organisation.trim().is_empty() {
            String::new()
        } else {
            format!(" <small>{}</small>", esc(&p.organisation))
        };
        let _ = write!(
            o,
            "<form class=\"send claim\" method=\"post\" action=\"{base}/claim\">\
             <input type=\"hidden\" name=\"participant\" value=\"{id}\">\
             <button type=\"submit\"{dis}>{name}{org}{taken}</button></form>",
            id = p.id,
            dis = if taken { " disabled" } else { "" },
            name = esc(&p.name),
            taken = if taken {
                format!(" <small>· {}</small>", esc(&t!("salle.vote.taken")))
            } else {
                String::new()
            },
        );
    }
    o.push_str("</section>");
}

/// One person's vote: their own dots only; the totals once the facilitator shows them.
fn voter(o: &mut String, session: &Session, who: ParticipantId, base: &str) {
    let Some(r) = session.current_rencontre() else {
        no_rencontre(o);
        return;
    };
    let name = session
        .participant(who)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    step_line(o, session);
    let used = r.dots_of(who);
    let left = u32::from(r.vote.per_person).saturating_sub(used);
    let open = r.phase == Step::Vote && !r.handed_off;
    let _ = write!(
        o,
        "<section class=\"ballot\" data-left=\"{left}\"><h2>{}</h2><p class=\"left\">{}</p>",
        esc(&name),
        esc(&count("salle.vote.left", left as usize)),
    );
    if !open {
        let _ = write!(
            o,
            "<p class=\"empty\">{}</p>",
            esc(&t!("salle.vote.closed"))
        );
    }
    if r.themes.is_empty() {
        let _ = write!(
            o,
            "<p class=\"empty\">{}</p>",
            esc(&t!("salle.vote.no_themes"))
        );
    }
    for c in &r.themes {
        let mine = r.dots_by(who, c.id);
        let dots: String = "●".repeat(mine as usize);
        let total = if r.revealed {
            format!(
                "<span class=\"total\">{}</span>",
                esc(&count("salle.vote.total", r.total(c.id) as usize))
            )
        } else {
            String::new()
        };
        let _ = write!(
            o,
            "<article class=\"theme\" data-theme=\"{id}\" data-mine=\"{mine}\"><p class=\"title\">{title}</p>\
             <p class=\"mine\" aria-label=\"{mine_l}\">{dots}</p>{total}",
            id = c.id,
            title = esc(&c.title),
            mine_l = esc(&count("salle.vote.mine", mine as usize)),
        );
        if open {
            let can_add = r.can_vote(&session.participants, who, c.id).is_ok();
            let _ = write!(
                o,
                "<div class=\"buttons\"><form class=\"send\" method=\"post\" action=\"{base}/dot\">\
                 <input type=\"hidden\" name=\"theme\" value=\"{id}\">\
                 <button type=\"submit\" class=\"plus\"{dis_add} aria-label=\"{add_l}\">+</button></form>\
                 <form class=\"send\" method=\"post\" action=\"{base}/undot\">\
                 <input type=\"hidden\" name=\"theme\" value=\"{id}\">\
                 <button type=\"submit\" class=\"minus\"{dis_rm} aria-label=\"{rm_l}\">−</button></form></div>",
                id = c.id,
                dis_add = if can_add { "" } else { " disabled" },
                dis_rm = if mine > 0 { "" } else { " disabled" },
                add_l = esc(&t!("salle.vote.add", theme = c.title.as_str())),
                rm_l = esc(&t!("salle.vote.remove", theme = c.title.as_str())),
            );
        }
        o.push_str("</article>");
    }
    if r.revealed {
        results(o, session, r);
    }
    o.push_str("</section>");
}

fn results(o: &mut String, _session: &Session, r: &Rencontre) {
    let _ = write!(
        o,
        "<section class=\"results\"><h2>{}</h2><ol>",
        esc(&t!("salle.vote.results"))
    );
    for rank in r.ranking() {
        let title = r
            .candidate(rank.theme)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let _ = write!(
            o,
            "<li><span>{}</span> <b>{}</b></li>",
            esc(&title),
            esc(&count("salle.vote.total", rank.dots as usize))
        );
    }
    o.push_str("</ol></section>");
}
