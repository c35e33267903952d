"""The built-in channels: each limit, the unit it counts in, and where the number comes from.

Plain data: `launchgate.channels` builds its `PRESETS` from `presets()` once, at
import. (The classes live there; this module imports them when it is called, so
either module may be imported first.)

Every number was checked on 2026-12-02 against the page cited (`READ`). A hard
limit is one the platform enforces: it refuses the text, or cuts it whatever
the writer wanted. Guidance (`hard=False`, `kind: recommendation` in the
config) is what fits on screen; longer text is accepted and shown cut off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from launchgate.channels import Channel, Source

READ = "2026-12-02"
HARD, GUIDANCE = True, False

# Pages that give more than one number, as (title, URL).
_APPLE_INFO = (
    "App Store Connect Help (Japanese): App information",
    "https://developer.apple.com/jp/help/app-store-connect/reference/app-information/",
)
_APPLE_VERSION = (
    "App Store Connect Help: Platform version information",
    "https://developer.apple.com/help/app-store-connect/reference/platform-version-information",
)
_APPLE_EVENTS = (
    "App Store Connect Help: Configure event details (Offer in-app events)",
    "https://developer.apple.com/help/app-store-connect/offer-in-app-events/configure-event-details",
)
_PLAY_LISTING = (
    "Google Play Android Publisher API: Listing (Google API client reference)",
    "https://googleapis.dev/ruby/google-api-client/v0.30.6/Google/Apis/AndroidpublisherV3/Listing.html",
)
_ADS_PMAX = (
    "Google Ads Help: Performance Max campaigns specs and format requirements",
    "https://support.google.com/google-ads/answer/17091269?hl=en",
)
_YOUTUBE = (
    "YouTube Data API v3: Videos resource",
    "https://developers.google.com/youtube/v3/docs/videos",
)
_PINTEREST = (
    "Pinterest Business: Pinterest product specs",
    "https://business.pinterest.com/en/Pinterest-product-specs",
)
_META_ADS = (
    "Meta for Business: Facebook Ads Guide, Facebook Stories image ad",
    "https://www.facebook.com/business/ads-guide/update/image/facebook-story/outcome-awareness",
)
_SERP = (
    "First Page Marketing: Google SERP Simulator",
    "https://firstpagemarketing.ie/google-serp-simulator/",
)
_BATCH_PUSH = (
    "Batch Help: What is the optimal length for every iOS/Android push notification?",
    "https://help.batch.com/en/articles/2117730-what-is-the-optimal-length-for-every-ios-android-push-notification",
)
_BRAZE_EMAIL_FR = (
    "Braze docs (French): Style des e-mails",
    "https://braze.com/docs/fr/user_guide/channels/email/best_practices/email_styling",
)

_WIDE = (
    "A full-width (CJK) character counts 2: Google's Japanese help gives "
    "半角 30 文字(全角 15 文字) (30 half-width, 15 full-width)."
)
_PUSH_CUT = "iOS and Android show as much as fits and cut the rest off with an ellipsis"


def _cite(page: tuple[str, str], quote: str, secondary: bool = False) -> Source:
    from launchgate.channels import Source

    title, url = page
    return Source(title, url, quote, READ, secondary)


def _catalogue(*channels: Channel) -> dict[str, Channel]:
    return {channel.name: channel for channel in channels}


def _android_push() -> Source:
    """Both Android push presets rest on the one secondary page (nobody who runs Android
    gives a number)."""
    return _cite(
        (
            "exchangetuts: iPhone push notification character limit",
            "https://exchangetuts.com/iphone-push-notification-character-limit-1639702455090810",
        ),
        "On Android, the character limits are 65 characters for titles and 240 for descriptions.",
        secondary=True,
    )


def presets() -> dict[str, Channel]:
    """Every built-in channel by name."""
    from launchgate.channels import NO_OFFICIAL_NUMBER, Channel

    return _catalogue(
        # --- Apple App Store ---------------------------------------------------------------------
        Channel(
            "app_store.name",
            30,
            "utf16",
            HARD,
            _cite(_APPLE_INFO, "この名前は2文字以上30文字以内である必要があります。"),
            note="Apple's English page was not found; the Japanese one says: the name must be "
            "2 to 30 characters.",
        ),
        Channel(
            "app_store.subtitle",
            30,
            "utf16",
            HARD,
            _cite(_APPLE_INFO, "30文字以内である必要があります。"),
            note="Apple's English page was not found; the Japanese one says: it must be 30 "
            "characters or fewer.",
        ),
        Channel(
            "app_store.promotional_text",
            170,
            "utf16",
            HARD,
            _cite(_APPLE_VERSION, "This property can\u2019t be longer than 170 characters."),
        ),
        Channel(
            "app_store.description",
            4000,
            "utf16",
            HARD,
            _cite(_APPLE_VERSION, "Limited to 4000 characters."),
        ),
        Channel(
            "app_store.whats_new",
            4000,
            "utf16",
            HARD,
            _cite(
                (
                    "microsoft/appcenter issue 1633: Error on AppStore distribute",
                    "https://github.com/microsoft/appcenter/issues/1633",
                ),
                "Release Notes should contain min 10 to max 4000 characters but contain 9 "
                "characters.",
                secondary=True,
            ),
            note="Apple's own sentence was not found; App Center's upload error and other "
            "store tools agree on 4000.",
        ),
        Channel(
            "app_store.keywords",
            100,
            "bytes",
            HARD,
            _cite(_APPLE_VERSION, "You can provide up to 100 bytes of content."),
            note="Bytes, not characters: ä, é and ß take 2 each, Chinese, Japanese and Korean "
            "characters 3.",
        ),
        Channel(
            "app_store.event_name",
            30,
            "utf16",
            HARD,
            _cite(
                _APPLE_EVENTS,
                "Enter an event name to appear on the App Store. It can be up to 30 characters.",
            ),
        ),
        Channel(
            "app_store.event_short_description",
            50,
            "utf16",
            HARD,
            _cite(
                _APPLE_EVENTS,
                "Enter a short description to appear on your event card in places like the Today "
                "tab and Search on the App Store. It can be up to 50 characters.",
            ),
        ),
        Channel(
            "app_store.event_long_description",
            120,
            "utf16",
            HARD,
            _cite(
                _APPLE_EVENTS,
                "Enter a long description that will appear on your event details page when users "
                "tap your event card. It can be up to 120 characters.",
            ),
        ),
        # --- Google Play -------------------------------------------------------------------------
        Channel(
            "google_play.title",
            30,
            "utf16",
            HARD,
            _cite(
                (
                    "iGamesNews: Google Play to end apps with emojis and misleading names in "
                    "September",
                    "https://igamesnews.com/mobile/google-play-to-end-apps-with-emojis-and-misleading-names-in-september",
                ),
                "Part of these changes will involve reverting to the maximum length of 30 "
                "characters for application names.",
                secondary=True,
            ),
            note='A review policy since 2021 (Google: "Limiting the length of app titles to 30 '
            'characters."): the Play API still takes 50, and a longer title fails review.',
        ),
        Channel(
            "google_play.short_description",
            80,
            "utf16",
            HARD,
            _cite(
                _PLAY_LISTING,
                "Short description of the app (previously known as promo text); this may be up "
                "to 80 characters in length.",
            ),
        ),
        Channel(
            "google_play.full_description",
            4000,
            "utf16",
            HARD,
            _cite(
                _PLAY_LISTING,
                "Full description of the app; this may be up to 4000 characters in length.",
            ),
        ),
        Channel(
            "google_play.release_notes",
            500,
            "utf16",
            HARD,
            _cite(
                (
                    "keymanapp/keyman issue 5533: release notes too long for Play Store",
                    "https://github.com/keymanapp/keyman/issues/5533",
                ),
                "The release created has notes in language en-US with length 546, which is too "
                "long (max: 500).",
                secondary=True,
            ),
            note="Google's API refuses the whole release (the quote is its error); no Play "
            "Console page with the number was found.",
        ),
        # --- social networks ---------------------------------------------------------------------
        Channel(
            "x.post",
            280,
            "x_weighted",
            HARD,
            _cite(
                (
                    "X Developer Platform: Counting Characters",
                    "https://docs.x.com/fundamentals/counting-characters",
                ),
                "Posts on X can contain up to 280 characters.",
            ),
            note="Weighted: a link counts 23, an emoji, a Chinese, Japanese or Korean character 2.",
        ),
        Channel(
            "threads.post",
            500,
            "threads",
            HARD,
            _cite(
                (
                    "Meta for Developers: Threads Posts",
                    "https://developers.facebook.com/documentation/threads/posts",
                ),
                "Text posts are limited to 500 characters.",
            ),
            note='Meta counts an emoji as its UTF-8 bytes ("Emojis are counted as the number of '
            'UTF-8 bytes."): 😀 costs 4.',
        ),
        Channel(
            "instagram.caption",
            2200,
            "utf16",
            HARD,
            _cite(
                (
                    "Instagram Graph API reference: POST /{ig-user-id}/media",
                    "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media",
                ),
                "Maximum 2200 characters, 30 hashtags, and 20 @ tags.",
            ),
        ),
        Channel(
            "linkedin.post",
            3000,
            "utf16",
            HARD,
            _cite(
                (
                    "Ayrshare docs: LinkedIn API",
                    "https://www.ayrshare.com/docs/apis/post/social-networks/linkedin",
                ),
                "The `post` field accepts up to 3,000 characters.",
                secondary=True,
            ),
            note="LinkedIn Help (answer a528176) is said to give 3,000; LinkedIn's own page "
            "could not be read.",
        ),
        Channel(
            "bluesky.post",
            300,
            "graphemes",
            HARD,
            _cite(
                (
                    "bluesky-social/atproto: lexicons/app/bsky/feed/post.json",
                    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json",
                ),
                '"text": {"type": "string", "maxLength": 3000, "maxGraphemes": 300}',
            ),
            note="Also at most 3,000 UTF-8 bytes, which only a post full of emoji reaches first.",
        ),
        Channel(
            "mastodon.post",
            500,
            "graphemes",
            HARD,
            _cite(
                (
                    "mastodon/mastodon: app/validators/status_length_validator.rb",
                    "https://github.com/mastodon/mastodon/blob/main/app/validators/status_length_validator.rb",
                ),
                "MAX_CHARS = 500",
            ),
            note="500 is the default; each server sets its own (configurable per server): "
            "override with channels: {mastodon.post: {max: N}}. Mastodon counts a link as 23; "
            "launchgate counts it in full.",
        ),
        Channel(
            "tiktok.caption",
            2200,
            "utf16",
            HARD,
            _cite(
                (
                    "TikTok for Developers: Content Posting API, Direct Post",
                    "https://developers.tiktok.com/doc/content-posting-api-reference-direct-post",
                ),
                "The maximum length is 2200 in UTF-16 runes.",
            ),
        ),
        Channel(
            "pinterest.title",
            100,
            "utf16",
            HARD,
            _cite(
                _PINTEREST,
                "Title: Up to 100 characters. If you don\u2019t fill out a title, people will see "
                "your Pin description instead.",
            ),
        ),
        Channel(
            "pinterest.description",
            500,
            "utf16",
            GUIDANCE,
            _cite(_PINTEREST, "Description: Up to 500 characters."),
            note="Pinterest's API takes up to 800; the specs ask for 500, and feeds show the "
            "first 50 to 60 characters.",
        ),
        Channel(
            "youtube.title",
            100,
            "utf16",
            HARD,
            _cite(
                _YOUTUBE,
                "The video's title. The property value has a maximum length of 100 characters and "
                "may contain all valid UTF-8 characters except < and >.",
            ),
            note="The API refuses a longer title; search results and suggestions show the start "
            "of one and cut the rest off.",
        ),
        Channel(
            "youtube.description",
            5000,
            "bytes",
            HARD,
            _cite(
                _YOUTUBE,
                "The video's description. The property value has a maximum length of 5000 bytes "
                "and may contain all valid UTF-8 characters except < and >.",
            ),
            note="Bytes, not characters: ä, é and ß take 2 each, Chinese, Japanese and Korean "
            "characters 3, an emoji 4.",
        ),
        # --- ads ---------------------------------------------------------------------------------
        Channel(
            "google_ads.headline",
            30,
            "wide2",
            HARD,
            _cite(
                _ADS_PMAX,
                "Headlines 30 characters max; include at least one with 15 characters or less",
            ),
            note=_WIDE,
        ),
        Channel(
            "google_ads.long_headline",
            90,
            "wide2",
            HARD,
            _cite(
                _ADS_PMAX,
                "Long headline 90 characters maximum; try to make sure headlines are at least 30 "
                "characters long",
            ),
            note="Performance Max, display and Demand Gen ads (search ads have none). " + _WIDE,
        ),
        Channel(
            "google_ads.description",
            90,
            "wide2",
            HARD,
            _cite(_ADS_PMAX, "Descriptions 90 characters maximum"),
            note=_WIDE,
        ),
        Channel(
            "google_ads.path",
            15,
            "wide2",
            HARD,
            _cite(_ADS_PMAX, "Display URL path 15 characters maximum each"),
            note=_WIDE,
        ),
        Channel(
            "google_ads.business_name",
            25,
            "wide2",
            HARD,
            _cite(
                _ADS_PMAX,
                "25 characters maximum; exactly matches your domain name or legally verified "
                "business name …",
            ),
            note="Performance Max, display and video ads. " + _WIDE,
        ),
        Channel(
            "google_ads.sitelink",
            25,
            "wide2",
            HARD,
            _cite(
                (
                    "Google Ads API reference: SitelinkAsset",
                    "https://developers.google.cn/google-ads/api/reference/rpc/v18/SitelinkAsset",
                ),
                "Required. URL display text for the sitelink. The length of this string should be "
                "between 1 and 25, inclusive.",
            ),
            note="The sitelink's link text. " + _WIDE,
        ),
        Channel(
            "google_ads.callout",
            25,
            "wide2",
            HARD,
            _cite(
                (
                    "Google Ads API reference: CalloutAsset",
                    "https://developers.google.cn/google-ads/api/reference/rpc/v18/CalloutAsset",
                ),
                "Required. The callout text. The length of this string should be between 1 and "
                "25, inclusive.",
            ),
            note=_WIDE,
        ),
        Channel(
            "meta_ads.primary_text",
            125,
            "utf16",
            GUIDANCE,
            _cite(_META_ADS, "Primary Text: 125 characters"),
            truncates=True,
            note="Meta's recommendation, read in a copy of its ads guide: longer text is accepted "
            'and folded behind "See more".',
        ),
        Channel(
            "meta_ads.headline",
            40,
            "utf16",
            GUIDANCE,
            _cite(_META_ADS, "Headline: 40 characters"),
            truncates=True,
            note="Meta's recommendation, read in a copy of its ads guide; some placements show "
            "fewer (27 in Feed, by ad tools' count). Longer headlines are cut off.",
        ),
        Channel(
            "meta_ads.description",
            30,
            "utf16",
            GUIDANCE,
            _cite(
                (
                    "Metadata.io support: What are the limitations for ad text",
                    "https://metadatasupport.zendesk.com/hc/en-us/articles/4407059645332-What-are-the-limitations-for-ad-text",
                ),
                "Description: Up to 30 characters",
                secondary=True,
            ),
            truncates=True,
            note=NO_OFFICIAL_NUMBER + "Meta's guide gives none that could be found; ad tools say "
            "25 to 30, and placements cut longer text off.",
        ),
        # --- e-mail ------------------------------------------------------------------------------
        Channel(
            "email.subject",
            50,
            "utf16",
            GUIDANCE,
            _cite(
                (
                    "Mailchimp: Best Practices for Email Subject Lines",
                    "https://kb.mailchimp.com/campaigns/previews-and-tests/best-practices-for-email-subject-lines",
                ),
                "Keep your subject line to 50 characters or fewer.",
                secondary=True,
            ),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + "no mail client or standard limits a subject (RFC 5322's "
            "78 is a header line length). Mobile inboxes show about 35 to 40 characters.",
        ),
        Channel(
            "email.preheader",
            100,
            "utf16",
            GUIDANCE,
            _cite(
                (
                    "Braze docs (Japanese): Email styling",
                    "https://braze.com/docs/ja/user_guide/channels/email/best_practices/email_styling/",
                ),
                "一般的に、メールのプレヘッダーは50~100文字にすることをお勧めします。",
                secondary=True,
            ),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + "mail clients show what fits beside the subject; Braze "
            "recommends 50 to 100 characters. Put the point in the first 40.",
        ),
        Channel(
            "email.from_name",
            25,
            "utf16",
            GUIDANCE,
            _cite(
                _BRAZE_EMAIL_FR,
                "Le nom dans le champ « De » ne doit pas dépasser 25 caractères pour s'afficher "
                "correctement sur mobile.",
                secondary=True,
            ),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + "Braze: the From name should not exceed 25 characters to "
            "show whole on mobile.",
        ),
        # --- SMS and push ------------------------------------------------------------------------
        Channel(
            "sms",
            1,
            "sms",
            HARD,
            _cite(
                (
                    "Twilio glossary: What is UCS-2 Character Encoding?",
                    "https://www.twilio.com/docs/glossary/what-is-ucs-2-character-encoding",
                ),
                "As an SMS message is transmitted in 140 octets, a message which is encoded in "
                "UCS-2 has a maximum of 70 characters (really, code points): (140*8) / (2*8) = 70.",
                secondary=True,
            ),
            merge_tags=True,
            note="One segment holds 160 GSM-7 characters, or 70 UTF-16 units once any character "
            "is outside GSM-7 (153 and 67 each when split). Longer text is sent as several "
            "segments, each billed: allow more with channels: {sms: {max_segments: N}}.",
        ),
        Channel(
            "push.ios.title",
            30,
            "graphemes",
            GUIDANCE,
            _cite(
                _BATCH_PUSH,
                "At Batch, we do advise 15-30 characters limit for your title and a 120-140 "
                "characters limit for your body description.",
                secondary=True,
            ),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + 'Apple asks for "a couple of words". ' + _PUSH_CUT + "; "
            "Apple refuses only a whole notification over 4,096 bytes.",
        ),
        Channel(
            "push.ios.body",
            140,
            "graphemes",
            GUIDANCE,
            _cite(
                _BATCH_PUSH,
                "At Batch, we do advise 15-30 characters limit for your title and a 120-140 "
                "characters limit for your body description.",
                secondary=True,
            ),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + _PUSH_CUT + " (about 110 characters on the lock screen); "
            "Apple refuses only a whole notification over 4,096 bytes.",
        ),
        Channel(
            "push.android.title",
            65,
            "graphemes",
            GUIDANCE,
            _android_push(),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + "Android itself cuts a title at 1,024 characters; what "
            "shows depends on the device (about 49 on a lock screen, Braze measured).",
        ),
        Channel(
            "push.android.body",
            240,
            "graphemes",
            GUIDANCE,
            _android_push(),
            truncates=True,
            merge_tags=True,
            note=NO_OFFICIAL_NUMBER + "Android itself cuts the text at 1,024 characters; a "
            "collapsed notification shows one line, an expanded one up to eight.",
        ),
        # --- web ---------------------------------------------------------------------------------
        Channel(
            "web.title",
            60,
            "utf16",
            GUIDANCE,
            _cite(
                _SERP,
                "For title tags, the general guideline is to keep them between 50-60 characters in "
                "length.",
                secondary=True,
            ),
            truncates=True,
            note=NO_OFFICIAL_NUMBER + "Google sets no limit (\"While there's no limit on how long "
            "a <title> element can be, the title link is truncated in Google Search results as "
            "needed, typically to fit the device width.\"); 60 is the SEO tools' convention.",
        ),
        Channel(
            "web.meta_description",
            160,
            "utf16",
            GUIDANCE,
            _cite(
                _SERP,
                "For meta descriptions, the recommended length is approximately 150-160 "
                "characters.",
                secondary=True,
            ),
            truncates=True,
            note=NO_OFFICIAL_NUMBER + "Google sets no limit (\"There's no limit on how long a meta "
            "description can be, but the search result snippets are truncated as needed, "
            "typically to fit the device width.\"); 160 is the SEO tools' convention.",
        ),
        Channel(
            "og.title",
            60,
            "utf16",
            GUIDANCE,
            _cite(
                (
                    "squirrelscan docs: Open Graph Tags rule",
                    "https://docs.squirrelscan.com/rules/core/og-tags",
                ),
                "Keep og:title under 60 characters and og:description under 200.",
                secondary=True,
            ),
            truncates=True,
            note=NO_OFFICIAL_NUMBER + "the Open Graph protocol sets none; link previews on "
            "Facebook, LinkedIn and chat apps cut a long title off.",
        ),
        Channel(
            "og.description",
            200,
            "utf16",
            GUIDANCE,
            _cite(
                (
                    "squirrelscan docs: Open Graph Tags rule",
                    "https://docs.squirrelscan.com/rules/core/og-tags",
                ),
                "Keep og:title under 60 characters and og:description under 200.",
                secondary=True,
            ),
            truncates=True,
            note=NO_OFFICIAL_NUMBER + "the Open Graph protocol sets none; link previews cut a "
            "long description off.",
        ),
        # --- your own product --------------------------------------------------------------------
        # max=0: there is no platform and no number, so each in_app copy item gives its own max:.
        Channel(
            "in_app",
            0,
            "graphemes",
            HARD,
            None,
            note=NO_OFFICIAL_NUMBER + "in-app text fits your own design: give each item a max:, "
            "or add in_app.NAME with its max: under channels: in the config.",
        ),
    )
