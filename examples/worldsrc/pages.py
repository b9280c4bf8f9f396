"""HTML templates of the example world, one per outlet, deliberately unlike each other.

FICTION: the outlets, their pages and their readers' comments are invented.

Each template puts metadata where sites of that kind put it (og tags, article:published_time,
JSON-LD, microdata, <time datetime>, a date only in the URL, or nothing at all) and wraps the
article in the furniture extractors must cope with: navigation, cookie banners, share
buttons, related links, newsletter boxes, comment threads and comment forms.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

FICTION_COMMENT = (
    "<!-- FICTION: invented page of the newstrace example world. Every outlet, person, "
    "country and event on it is made up. -->"
)


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def para_html(p: object) -> str:
    return p[1] if isinstance(p, tuple) else esc(p)  # type: ignore[index]


def para_text(p: object) -> str:
    return p[0] if isinstance(p, tuple) else p  # type: ignore[index]


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def related(a: dict, articles: list[dict], n: int = 4) -> list[dict]:
    same = [
        b for b in articles
        if b["outlet"] == a["outlet"] and b["format"] == "html" and b["id"] != a["id"]
    ]
    same.sort(key=lambda b: (b["world_date"], b["id"]), reverse=True)
    return same[:n]


def render_html(a: dict, outlet: dict, articles: list[dict]) -> str:
    return TEMPLATES[a["outlet"]](a, outlet, articles)


def _paras(a: dict, boiler: str | None = None, indent: str = "", tag: str = "p") -> str:
    out = []
    for i, p in enumerate(a["paras"]):
        out.append(f"{indent}<{tag}>{para_html(p)}</{tag}>")
        if boiler is not None and a.get("boiler_after") == i:
            out.append(indent + boiler)
    return "\n".join(out)


# --------------------------------------------------------------------------- MPA (wire)
def mpa(a: dict, o: dict, arts: list[dict]) -> str:
    from .articles import MPA_FOOTNOTE

    d = _dt(a["published"])
    modified = d.replace(hour=min(d.hour + 1, 23), minute=22)
    rel = "\n".join(
        f'        <li><a href="{attr(b["url"])}">{esc(b["title"])}</a></li>' for b in related(a, arts)
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(a["title"])} | MPA</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{attr(a["url"])}">
  <meta property="og:site_name" content="{attr(o["name"])}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{attr(a["title"])}">
  <meta property="og:url" content="{attr(a["url"])}">
  <meta property="article:published_time" content="{a["published"]}">
  <meta property="article:modified_time" content="{modified.isoformat()}">
  <meta property="article:section" content="{attr(a["section"])}">
  <meta name="author" content="{attr(a["authors"][0])}">
  <link rel="stylesheet" href="/static/mpa-2025.css">
</head>
<body class="story-page">
  <header class="masthead">
    <a class="brand" href="/">MPA <span>Meridian Press Agency</span></a>
    <nav class="sections" aria-label="Sections">
      <ul>
        <li><a href="/world/">World</a></li>
        <li><a href="/business/">Business</a></li>
        <li><a href="/science/">Science</a></li>
        <li><a href="/sport/">Sport</a></li>
        <li><a href="/photos/">Photos</a></li>
      </ul>
    </nav>
    <a class="login" href="/clients/login">Client login</a>
  </header>
  <main id="content">
    <article class="story">
      <p class="kicker">{esc(a["section"])}</p>
      <h1 class="headline">{esc(a["title"])}</h1>
      <div class="story-meta">
        <span class="byline">By {esc(a["authors"][0])}</span>
        <span class="sep">|</span>
        <time datetime="{a["published"]}">{d.strftime("%B")} {d.day}, {d.year} {d.strftime("%H:%M")} GMT</time>
      </div>
      <div class="story-body">
{_paras(a, indent="        ")}
      </div>
      <p class="story-footnote">{esc(MPA_FOOTNOTE)}</p>
    </article>
    <aside class="related">
      <h2>Related coverage</h2>
      <ul>
{rel}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="/about/">About MPA</a></li>
      <li><a href="/licensing/">Licensing</a></li>
      <li><a href="/privacy/">Privacy</a></li>
      <li><a href="/contact/">Contact the newsdesk</a></li>
    </ul>
    <p>&copy; Meridian Press Agency, Kestrel Bay.</p>
  </footer>
</body>
</html>
"""


# ------------------------------------------------------ The Kestrel Herald (windows-1252)
def kestrel(a: dict, o: dict, arts: list[dict]) -> str:
    d = _dt(a["published"])
    most_read = "\n".join(
        f'<li><a href="{attr(b["url"])}">{esc(b["title"])}</a></li>' for b in related(a, arts, 5)
    )
    comments = "\n".join(
        f'<div class="comment"><b>{esc(name)}</b> wrote:<p>{esc(text)}</p>'
        f'<span class="cdate">Reply | Report</span></div>'
        for name, text in a["comments"]
    )
    first = para_text(a["paras"][0])
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
{FICTION_COMMENT}
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{esc(a["title"])} - The Kestrel Herald</title>
<meta name="description" content="{attr(first[:150])}">
<meta name="keywords" content="Kestrel Herald, news, {attr(a["section"].lower())}">
<meta name="pubdate" content="{d.strftime("%Y-%m-%d %H:%M")}">
<meta property="og:site_name" content="The Kestrel Herald">
<meta property="og:title" content="{attr(a["title"])}">
<link rel="canonical" href="{attr(a["url"])}">
<link rel="stylesheet" type="text/css" href="/css/herald_v7.css">
<script type="text/javascript" src="/js/adserver.js"></script>
</head>
<body bgcolor="#ffffff">
<div id="cookie-notice">We use cookies to give you the best experience on our website and to show you relevant adverts. By continuing to browse you agree to our use of cookies. <a href="/cookies.html">Find out more</a> <button onclick="acceptCookies()">Accept all</button> <button>Manage settings</button></div>
<table id="layout" width="980" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2" id="masthead"><a href="/"><img src="/img/herald-masthead.gif" alt="The Kestrel Herald" width="980" height="90"></a></td></tr>
<tr><td colspan="2" id="topnav"><a href="/news/">News</a> | <a href="/news/local/">Local</a> | <a href="/news/world/">World</a> | <a href="/sport/">Sport</a> | <a href="/business/">Business</a> | <a href="/announcements/">Announcements</a> | <a href="/subscribe/">Subscribe</a></td></tr>
<tr>
<td id="main" valign="top" width="680">
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news/">{esc(a["section"])}</a></div>
<h1 class="headline">{esc(a["title"])}</h1>
<p class="byline">By {esc(a["authors"][0])}<br>Published: {d.strftime("%d/%m/%Y %H:%M")}</p>
<div class="share">Share: <a href="#" class="fb">Facebook</a> <a href="#" class="x">X</a> <a href="#" class="mail">Email</a> <a href="#" class="print">Print</a></div>
<div class="article-text">
{_paras(a)}
</div>
<div class="share">Share: <a href="#" class="fb">Facebook</a> <a href="#" class="x">X</a> <a href="#" class="mail">Email</a></div>
<div id="comments">
<h3>Comments ({len(a["comments"])})</h3>
{comments}
<p class="comment-login"><a href="/login/">Log in</a> or <a href="/register/">register</a> to comment.</p>
</div>
</td>
<td id="sidebar" valign="top" width="300">
<div class="advert"><script type="text/javascript">showAd('mpu');</script></div>
<h4>Most read</h4>
<ol>
{most_read}
</ol>
<h4>Weather</h4>
<p class="weather">Kestrel Bay: showers, 9&deg;C</p>
</td>
</tr>
<tr><td colspan="2" id="footer">&copy; The Kestrel Herald and Kestrel Bay Media Ltd. All rights reserved. | <a href="/terms.html">Terms</a> | <a href="/privacy.html">Privacy</a> | <a href="/contact.html">Contact us</a></td></tr>
</table>
</body>
</html>
"""


# --------------------------------------------------------------------- Harbourline News
def harbourline(a: dict, o: dict, arts: list[dict]) -> str:
    from .articles import HARBOURLINE_NEWSLETTER

    d = _dt(a["published"])
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "mainEntityOfPage": a["url"],
        "datePublished": a["published"],
        "dateModified": d.replace(hour=min(d.hour + 2, 23)).isoformat(),
        "author": [{"@type": "Person", "name": n} for n in a["authors"]],
        "publisher": {"@type": "Organization", "name": o["name"],
                      "logo": {"@type": "ImageObject", "url": "https://harbourline.example/logo.png"}},
        "articleSection": a["section"],
    }
    promo = (
        '<div class="inline-promo" data-module="newsletter">'
        f"<p>{esc(HARBOURLINE_NEWSLETTER)}</p></div>"
    )
    more = "\n".join(
        f'        <li class="card"><a href="{attr(b["url"])}"><span class="card__title">{esc(b["title"])}</span></a></li>'
        for b in related(a, arts, 3)
    )
    return f"""<!doctype html>
{FICTION_COMMENT}
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(a["title"])} – Harbourline News</title>
<link rel="canonical" href="{attr(a["url"])}">
<meta property="og:site_name" content="Harbourline News">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:type" content="article">
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="stylesheet" href="/assets/hl.9f3c2.css">
</head>
<body>
<div class="consent-banner" role="dialog" aria-label="Cookie consent">
  <p>Harbourline News and our partners use cookies to personalise content and measure our audience.</p>
  <button class="consent-banner__accept">Accept</button><button class="consent-banner__reject">Reject non-essential</button>
</div>
<header class="site-header">
  <a class="site-header__logo" href="/">Harbourline</a>
  <nav class="site-nav"><a href="/local/">Local</a><a href="/world/">World</a><a href="/weather/">Weather</a><a href="/shipping/">Shipping</a><a href="/sport/">Sport</a><a href="/brief/">Newsletter</a></nav>
</header>
<main class="layout">
  <article class="article">
    <header class="article__header">
      <span class="article__section">{esc(a["section"])}</span>
      <h1 class="article__headline">{esc(a["title"])}</h1>
      <p class="article__byline">{esc(", ".join(a["authors"]))}</p>
    </header>
    <ul class="share-tools" aria-label="Share this article">
      <li><a href="#" data-share="facebook">Facebook</a></li><li><a href="#" data-share="x">X</a></li><li><a href="#" data-share="whatsapp">WhatsApp</a></li><li><a href="#" data-share="copy">Copy link</a></li>
    </ul>
    <div class="article__body">
{_paras(a, boiler=promo, indent="      ")}
    </div>
  </article>
  <section class="more-from" aria-label="More from Harbourline">
    <h2>More from Harbourline</h2>
    <ul>
{more}
    </ul>
  </section>
</main>
<footer class="site-footer">
  <p>Harbourline News is an independent news site for the coast. <a href="/about/">About us</a> · <a href="/advertise/">Advertise</a> · <a href="/privacy/">Privacy</a></p>
  <p>&copy; Harbourline Media</p>
</footer>
</body>
</html>
"""


# ----------------------------------------------- The Daily Lantern (malformed, date in URL)
def lantern(a: dict, o: dict, arts: list[dict]) -> str:
    # Unclosed <p>, <li> and <div> elements and upper-case tags, as old hand-rolled CMSs
    # produce; browsers render it fine. The only date on the page is the one in the URL.
    body = "\n".join(f"<P>{para_html(p)}" for p in a["paras"])
    byline = f'<DIV CLASS="by">by {esc(a["authors"][0])}\n' if a["authors"] else ""
    links = "\n".join(f'<LI><A HREF="{attr(b["url"])}">{esc(b["title"])}</A>' for b in related(a, arts))
    return f"""<HTML>
{FICTION_COMMENT}
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8">
<TITLE>The Daily Lantern :: {esc(a["title"])}</TITLE>
<LINK REL="canonical" HREF="{attr(a["url"])}">
<META PROPERTY="og:site_name" CONTENT="The Daily Lantern">
</HEAD>
<BODY>
<DIV ID="wrap">
<DIV ID="top"><A HREF="/"><IMG SRC="/img/lantern-logo.gif" ALT="The Daily Lantern"></A>
<UL CLASS="menu"><LI><A HREF="/news/">News</A><LI><A HREF="/valley/">Valley</A><LI><A HREF="/world/">World</A><LI><A HREF="/letters/">Letters</A><LI><A HREF="/classifieds/">Classifieds</A>
</UL>
</DIV>
<DIV ID="story">
<H2 CLASS="title">{esc(a["title"])}</H2>
{byline}{body}
<DIV CLASS="tags">Filed under: <A HREF="/tag/{attr(a["section"].lower())}/">{esc(a["section"])}</A>
</DIV>
<DIV ID="side">
<B>Also in the Lantern</B>
<UL>
{links}
</UL>
<DIV ID="foot">&copy; The Daily Lantern. <B>All rights reserved.
<BR>Letters to the editor: letters@dailylantern.example
</BODY>
</HTML>
"""


# ----------------------------------------------------------------- The Northern Ledger
def _entities(s: str) -> str:
    return (s.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("’", "&rsquo;")
            .replace("‘", "&lsquo;").replace("—", "&mdash;"))


def ledger(a: dict, o: dict, arts: list[dict]) -> str:
    d = _dt(a["published"])
    body = "\n".join(f"        <p>{_entities(para_html(p))}</p>" for p in a["paras"])
    comments = "\n".join(
        f'        <li class="comment"><p class="comment__author">{esc(n)}</p>'
        f'<p class="comment__text">{_entities(esc(t))}</p></li>'
        for n, t in a["comments"]
    )
    rel = "\n".join(
        f'          <li><a href="{attr(b["url"])}">{_entities(esc(b["title"]))}</a></li>'
        for b in related(a, arts, 3)
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="en">
<head>
<meta charset="UTF-8">
<title>{_entities(esc(a["title"]))} | The Northern Ledger</title>
<link rel="canonical" href="{attr(a["url"])}">
<meta name="author" content="{attr(a["authors"][0])}">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:site_name" content="The Northern Ledger">
<meta name="robots" content="max-image-preview:large">
</head>
<body class="article-page">
<div id="cookie-consent" class="overlay">
  <h2>Your privacy</h2>
  <p>We and our 143 partners store and access information on your device. You can change your choices at any time.</p>
  <button>I agree</button> <button>More options</button>
</div>
<nav class="topbar"><a href="/" class="logo">The Northern Ledger</a> <a href="/news/">News</a> <a href="/defence/">Defence</a> <a href="/economy/">Economy</a> <a href="/opinion/">Opinion</a> <a href="/subscribe/" class="cta">Subscribe from A$1</a></nav>
<div class="grid">
  <main>
    <article>
      <h1>{_entities(esc(a["title"]))}</h1>
      <div class="byline">By <a rel="author" href="/profile/{attr(a["authors"][0].lower().replace(" ", "-"))}">{esc(a["authors"][0])}</a>, {esc(a["section"])} correspondent &middot; <time datetime="{a["published"]}">{d.day} {d.strftime("%B %Y")}</time></div>
      <div class="article-body">
{body}
      </div>
      <div class="share-bar"><span>Share</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
    </article>
    <section class="comments">
      <h2>Reader comments</h2>
      <ul>
{comments}
      </ul>
      <p class="comments__note">Comments are moderated. Please keep to the topic.</p>
    </section>
  </main>
  <aside class="sidebar">
    <section class="related"><h3>Related articles</h3>
      <ul>
{rel}
      </ul>
    </section>
    <section class="promo"><h3>The Ledger Briefing</h3><p>Our editors&rsquo; pick of the day, every evening.</p></section>
  </aside>
</div>
<footer><p>&copy; The Northern Ledger Ltd, Arlenburg. Registered in Aldonia.</p></footer>
</body>
</html>
"""


# ------------------------------------------------- Le Courrier de Vallonne (ISO-8859-1)
_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"]


def courrier(a: dict, o: dict, arts: list[dict]) -> str:
    d = _dt(a["published"])
    comments = "\n".join(
        f'<div class="reaction"><span class="pseudo">{esc(n)}</span><p>{esc(t)}</p></div>'
        for n, t in a["comments"]
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="fr">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{esc(a["title"])} - Le Courrier de Vallonne</title>
<link rel="canonical" href="{attr(a["url"])}">
<meta property="og:site_name" content="Le Courrier de Vallonne">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:locale" content="fr_VA">
<meta property="article:published_time" content="{a["published"]}">
<meta property="article:section" content="{attr(a["section"])}">
</head>
<body>
<div id="bandeau-cookies">Ce site utilise des cookies pour mesurer son audience. <a href="/confidentialite">En savoir plus</a> <button>Accepter</button> <button>Refuser</button></div>
<header><div class="logo"><a href="/">Le Courrier de Vallonne</a></div>
<ul class="rubriques"><li><a href="/international/">International</a></li><li><a href="/politique/">Politique</a></li><li><a href="/economie/">&Eacute;conomie</a></li><li><a href="/culture/">Culture</a></li><li><a href="/sport/">Sport</a></li></ul></header>
<div id="contenu">
<article class="article">
<p class="surtitre">{esc(a["section"])}</p>
<h1>{esc(a["title"])}</h1>
<p class="signature">Par {esc(a["authors"][0])}</p>
<p class="date">Publié le {d.day} {_MOIS[d.month - 1]} {d.year} à {d.strftime("%Hh%M")}</p>
<div class="corps">
{_paras(a)}
</div>
<div class="partage">Partager : <a href="#">Facebook</a> | <a href="#">X</a> | <a href="#">Courriel</a></div>
</article>
<section id="reactions"><h2>Réactions ({len(a["comments"])})</h2>
{comments}
<p><a href="/connexion">Connectez-vous</a> pour réagir.</p>
</section>
</div>
<footer>&copy; Le Courrier de Vallonne - Tous droits réservés - <a href="/mentions-legales">Mentions légales</a></footer>
</body>
</html>
"""


# ----------------------------------------------------------- Arlenburg Post (microdata)
def arlenburg(a: dict, o: dict, arts: list[dict]) -> str:
    d = _dt(a["published"])
    rel = "\n".join(
        f'  <li><a href="{attr(b["url"])}">{esc(b["title"])}</a></li>' for b in related(a, arts, 3)
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} | Arlenburg Post</title>
<link rel="canonical" href="{attr(a["url"])}">
<meta property="og:site_name" content="Arlenburg Post">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:url" content="{attr(a["url"])}">
</head>
<body>
<header id="header"><div class="brand"><a href="/">Arlenburg Post</a></div>
<nav><a href="/city/">City</a> · <a href="/world/">World</a> · <a href="/business/">Business</a> · <a href="/culture/">Culture</a> · <a href="/sport/">Sport</a></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<div class="container">
<article itemscope itemtype="https://schema.org/NewsArticle">
  <meta itemprop="datePublished" content="{a["published"]}">
  <link itemprop="mainEntityOfPage" href="{attr(a["url"])}">
  <h1 itemprop="headline">{esc(a["title"])}</h1>
  <div class="meta">
    <span itemprop="author" itemscope itemtype="https://schema.org/Person">by <span itemprop="name">{esc(a["authors"][0])}</span></span>
    <span class="date">{d.strftime("%A")} {d.day} {d.strftime("%B %Y, %H:%M")}</span>
  </div>
  <div itemprop="articleBody">
{_paras(a, indent="    ")}
  </div>
</article>
<div class="subscribe-box"><h3>Read the Post every morning</h3><p>Subscribe to the digital edition from A$9.90 a month.</p><a class="button" href="/subscribe">Subscribe</a></div>
<section class="read-more"><h2>Read more</h2>
<ul>
{rel}
</ul>
</section>
</div>
<footer id="footer">Arlenburg Post &middot; <a href="/imprint">Imprint</a> &middot; <a href="/privacy">Privacy</a> &middot; <a href="/rss">RSS</a></footer>
</body>
</html>
"""


# ---------------------------------------------------------------------- Velmark Today
def velmarktoday(a: dict, o: dict, arts: list[dict]) -> str:
    article_ld: dict = {
        "@type": "NewsArticle",
        "@id": a["url"] + "#article",
        "headline": a["title"],
        "isPartOf": {"@id": a["url"]},
        "publisher": {"@id": "https://velmarktoday.example/#org"},
        "inLanguage": "en",
    }
    if a["published"]:
        article_ld["datePublished"] = a["published"]
    if a["authors"]:
        article_ld["author"] = {"@type": "Person", "name": a["authors"][0]}
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "https://velmarktoday.example/#org",
             "name": o["name"], "url": "https://velmarktoday.example/"},
            {"@type": "WebPage", "@id": a["url"], "url": a["url"], "name": a["title"]},
            article_ld,
        ],
    }
    if a.get("no_canonical"):
        link = f'<meta property="og:url" content="{attr(a["url"])}">'
    else:
        link = f'<link rel="canonical" href="{attr(a["url"])}">\n<meta property="og:url" content="{attr(a["url"])}">'
    byline = (f'<div class="author-box"><span class="author-name">{esc(a["authors"][0])}</span></div>\n'
              if a["authors"] else "")
    rel = "\n".join(
        f'<li><a href="{attr(b["url"])}">{esc(b["title"])}</a></li>' for b in related(a, arts, 3)
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} - Velmark Today</title>
{link}
<meta property="og:site_name" content="Velmark Today">
<meta property="og:title" content="{attr(a["title"])}">
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=1)}
</script>
</head>
<body class="single">
<div class="top-strip">Karsk | <a href="/weather">Weather</a> | <a href="/rates">Exchange rates</a></div>
<header><a class="logo" href="/">Velmark Today</a>
<nav><ul><li><a href="/politics">Politics</a></li><li><a href="/city">City</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<section class="content">
<h1 class="post-title">{esc(a["title"])}</h1>
{byline}<div class="post-body">
{_paras(a)}
</div>
<div class="post-share">Share on: <a href="#">Facebook</a> <a href="#">Telegram</a> <a href="#">X</a></div>
</section>
<aside class="latest"><h3>Latest</h3><ul>
{rel}
</ul></aside>
<footer>&copy; Velmark Today. English-language news from Karsk. <a href="/about">About</a> <a href="/contact">Contact</a></footer>
</body>
</html>
"""


# ------------------------------------------------- The Frontline Dispatch (WordPress-like)
def frontline(a: dict, o: dict, arts: list[dict]) -> str:
    from .articles import FRONTLINE_COPYRIGHT

    d = _dt(a["published"])
    rel = "\n".join(
        f'<li><a href="{attr(b["url"])}" rel="bookmark">{esc(b["title"])}</a></li>'
        for b in related(a, arts, 3)
    )
    return f"""<!DOCTYPE html>
{FICTION_COMMENT}
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} &#8211; The Frontline Dispatch</title>
<meta name="robots" content="index, follow">
<link rel="canonical" href="{attr(a["url"])}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:url" content="{attr(a["url"])}">
<meta property="og:site_name" content="The Frontline Dispatch">
<meta property="article:published_time" content="{a["published"]}">
<meta name="generator" content="WordPress 6.4.3">
<link rel="stylesheet" id="flavor-style-css" href="/wp-content/themes/flavor/style.css?ver=2.1" media="all">
</head>
<body class="post-template-default single single-post postid-{abs(hash_slug(a["url"])) % 90000 + 10000} single-format-standard">
<div id="page" class="site">
<header id="masthead" class="site-header">
<p class="site-title"><a href="/" rel="home">The Frontline Dispatch</a></p>
<p class="site-description">Defence. Geopolitics. The truth they don&#8217;t tell you.</p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">Home</a></li><li><a href="/category/defence/">Defence</a></li><li><a href="/category/geopolitics/">Geopolitics</a></li><li><a href="/category/energy/">Energy</a></li><li><a href="/category/opinion/">Opinion</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry category-{attr(a["section"].lower())}">
<header class="entry-header">
<h1 class="entry-title">{esc(a["title"])}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{a["published"]}">{d.strftime("%B")} {d.day}, {d.year}</time></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/frontline-desk/">{esc(a["authors"][0])}</a></span></span></div>
</header>
<div class="entry-content">
{_paras(a)}
<p>{esc(FRONTLINE_COPYRIGHT)}</p>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/{attr(a["section"].lower())}/" rel="category tag">{esc(a["section"])}</a></span></footer>
<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-facebook" href="#">Facebook</a></li><li><a class="share-twitter" href="#">Twitter</a></li><li><a class="share-telegram" href="#">Telegram</a></li></ul></div>
</article>
<div class="related-posts"><h3>Related</h3><ul>
{rel}
</ul></div>
<div id="comments" class="comments-area">
<h2 class="comments-title">Be the first to comment</h2>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Your email address will not be published.</p>
<p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="comment-form-author"><label for="author">Name*</label><input id="author" name="author" type="text"></p>
<p class="comment-form-email"><label for="email">Email*</label><input id="email" name="email" type="email"></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
</form>
<p class="spamwarden_comment_form_privacy_notice">This site uses Spamwarden to reduce spam. <a href="https://spamwarden.example/privacy/" target="_blank" rel="nofollow noopener">Learn how your comment data is processed</a>.</p>
</div>
</div>
</main>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Copyright &copy; All rights reserved | The Frontline Dispatch</div></footer>
</div>
</body>
</html>
"""


def hash_slug(s: str) -> int:
    # Deterministic across runs (str hash() is salted per process).
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h


TEMPLATES = {
    "mpa": mpa,
    "kestrel": kestrel,
    "harbourline": harbourline,
    "lantern": lantern,
    "ledger": ledger,
    "courrier": courrier,
    "arlenburg": arlenburg,
    "velmarktoday": velmarktoday,
    "frontline": frontline,
}
