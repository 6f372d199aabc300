from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg
from ..models.conversation_state import ConversationState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assignee import Assignee
    from ..models.conversation_funnel_extracted_data import ConversationFunnelExtractedData
    from ..models.crm_activity import CrmActivity
    from ..models.crm_alerts import CrmAlerts
    from ..models.detailed_cost import DetailedCost
    from ..models.handoff_entry import HandoffEntry
    from ..models.inbound_engagement_state import InboundEngagementState
    from ..models.nodes_info import NodesInfo
    from ..models.token_usage import TokenUsage
    from ..models.vapi_call import VapiCall
    from ..models.voice_session import VoiceSession
    from ..models.voiceflow_v4_session import VoiceflowV4Session


T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """Full conversation metadata, including lead information. (Page.) Every field is optional except `ID`: the page's
    example omits most of them, and a real API omits what it does not know.

    """

    id: str
    """ Identifier of the conversation. (Page.) Required, as the one field every conversation must have. """
    user_email: str | Unset = UNSET
    """ Contact information: the lead's email address. (Page.) Inferred: format email. """
    user_name: str | Unset = UNSET
    """ Contact information: the lead's name. (Page.) """
    user_phone: str | Unset = UNSET
    """ Contact information: the lead's phone number. (Page.) The example uses E.164 (`+1234567890`); no format is
    enforced because the page states none. """
    user_address: str | Unset = UNSET
    """ Additional details: the lead's postal address. (Page.) """
    user_company: str | Unset = UNSET
    """ Additional details: the lead's company. (Page.) """
    user_website: str | Unset = UNSET
    """ Additional details: the lead's website. (Page.) Inferred: format uri, as in the example. """
    notes: str | Unset = UNSET
    """ Internal notes about the conversation/lead. (Page.) """
    user_profile_pic: str | Unset = UNSET
    """ Profile picture URL. (Page.) """
    value: float | Unset = UNSET
    """ Inferred: the monetary value of the lead (deal value), in `currency`. A number because money can be
    fractional. """
    currency: str | Unset = UNSET
    """ Inferred: currency of `value`, e.g. an ISO 4217 code. """
    expected_close_date: str | Unset = UNSET
    """ Inferred: the date the deal is expected to close. A string on the page; its date format is not stated. """
    sub_industry: str | Unset = UNSET
    """ Inferred: the lead's sub-industry. """
    source: str | Unset = UNSET
    """ Inferred: where the lead came from (lead source). """
    language: str | Unset = UNSET
    """ Inferred: the lead's language. """
    linked_in: str | Unset = UNSET
    """ Inferred: the lead's LinkedIn profile (URL or handle; the page does not say which). """
    facebook: str | Unset = UNSET
    """ Inferred: the lead's Facebook profile (URL or handle). """
    instagram: str | Unset = UNSET
    """ Inferred: the lead's Instagram profile (URL or handle). """
    demo_date: str | Unset = UNSET
    """ Inferred: the date of a scheduled demo. Date format not stated by the page. """
    demo_time: str | Unset = UNSET
    """ Inferred: the time of a scheduled demo. Time format not stated by the page. """
    demo_link: str | Unset = UNSET
    """ Inferred: the meeting link of a scheduled demo; format uri. """
    lost_reason: str | Unset = UNSET
    """ Inferred: why the lead was lost. """
    last_activity_date: str | Unset = UNSET
    """ Inferred: date of the lead's last CRM activity. A string on the page; format not stated. """
    user_id: str | Unset = UNSET
    """ Identifier of the user. (Page.) When the conversation is a call it is the caller's phone number, and it is
    not unique per conversation: treat it as personal data. (Third-party description.) """
    campaign_id: str | Unset = UNSET
    """ Inferred: the outbound campaign this conversation belongs to. """
    user_image: str | Unset = UNSET
    """ Inferred: URL of the user's image on the channel. """
    social_handle: str | Unset = UNSET
    """ Inferred: the user's handle on the social channel. """
    is_following_business: bool | Unset = UNSET
    """ Inferred: whether the user follows the business on the social channel. """
    social_verified: bool | Unset = UNSET
    """ Inferred: whether the user's social account is verified. """
    user_os: str | Unset = UNSET
    """ Inferred: the user's operating system (web chat). """
    user_browser: str | Unset = UNSET
    """ Inferred: the user's browser (web chat). """
    ip_address: str | Unset = UNSET
    """ Inferred: the user's IP address (IPv4 or IPv6, so no format is enforced). Personal data. """
    country_code: str | Unset = UNSET
    """ Inferred: the user's country code. """
    origin: Any | Unset = UNSET
    """ Channel (e.g., "web-chat", "whatsapp"). (Page.) Untyped on the page (`<unknown>`), so any JSON value is
    accepted; values seen include `web-chat`, `whatsapp`, `instagram`, `messenger` and `discord`. (Third-party
    description.) """
    state: ConversationState | Unset = UNSET
    """ Current conversation state. (Page: prose and example, not the response schema.) The values come from the
    third-party description. """
    whatsapp_phone_number_id: str | Unset = UNSET
    """ Inferred: WhatsApp Cloud API phone-number ID the conversation came through. """
    whatsapp_business_number: str | Unset = UNSET
    """ Inferred: the business's WhatsApp number. """
    whatsapp_display_phone_number: str | Unset = UNSET
    """ Inferred: the business's WhatsApp display phone number. """
    whatsapp_business_account_id: str | Unset = UNSET
    """ Inferred: the WhatsApp Business Account ID. """
    voiceflow_v4_session: VoiceflowV4Session | Unset = UNSET
    """ Inferred: the Voiceflow v4 session that backs the conversation. """
    messages_num: int | Unset = UNSET
    """ Number of messages exchanged. (Page.) """
    interactions_num: int | Unset = UNSET
    """ Inferred: number of interactions (turns) in the conversation. """
    ts: int | Unset = UNSET
    """ Timestamp of the conversation, Unix epoch. (Page.) Seconds, as in the example. """
    tags: list[str] | Unset = UNSET
    """ Categorization tags. (Page.) """
    convo_time_seconds: float | Unset = UNSET
    """ Inferred: duration of the conversation in seconds. A number because durations can be fractional. """
    first_message_ts: int | Unset = UNSET
    """ Timestamp of the first message, Unix epoch. (Page.) Seconds, as in the example. """
    last_message_ts: int | Unset = UNSET
    """ Timestamp of the last message, Unix epoch. (Page.) Seconds, as in the example. """
    user_platform: str | Unset = UNSET
    """ Inferred: the platform the user is on. """
    smb_contact: bool | Unset = UNSET
    """ Inferred: whether the user is a saved contact of the (WhatsApp) small-business account. """
    smb_contact_name: str | Unset = UNSET
    """ Inferred: the user's name in the small-business contacts. """
    smb_contact_removed_at: int | Unset = UNSET
    """ Inferred: when the small-business contact was removed, Unix epoch seconds. """
    smb_last_seen_at: int | Unset = UNSET
    """ Inferred: when the small-business contact was last seen, Unix epoch seconds. """
    human_claimed_at: int | Unset = UNSET
    """ Inferred: when a human agent claimed the conversation, Unix epoch seconds. """
    human_last_replied_at: int | Unset = UNSET
    """ Inferred: when a human agent last replied, Unix epoch seconds. """
    pending_ai_reply_at: int | Unset = UNSET
    """ Inferred: when the pending AI reply is due, Unix epoch seconds. """
    chat_assigned_to: str | Unset = UNSET
    """ Inferred: ID of the human agent the chat is assigned to. """
    handoff_history: list[HandoffEntry] | Unset = UNSET
    """ Inferred: the history of hand-offs from the AI to human agents. """
    is_typing: bool | Unset = UNSET
    """ Inferred: whether a participant is typing right now. """
    last_modified: int | Unset = UNSET
    """ When the conversation was last modified, Unix epoch. (Page.) Seconds, as in the example. """
    sessions_num: int | Unset = UNSET
    """ Inferred: number of sessions in the conversation. """
    lang: str | Unset = UNSET
    """ Inferred: language of the conversation. """
    vapi: VapiCall | Unset = UNSET
    """ Inferred: details of the voice call, when the conversation is a Vapi call. """
    rating_from_5: float | Unset = UNSET
    """ Inferred: the user's rating of the conversation, out of 5. A number because ratings can be averaged. """
    total_user_interactions: int | Unset = UNSET
    """ Inferred: total number of user interactions. """
    is_blocked: bool | Unset = UNSET
    """ Inferred: whether the user is blocked. """
    nodes_info: NodesInfo | Unset = UNSET
    """ Inferred: where the conversation is in the agent's flow. """
    captured_variables: Any | Unset = UNSET
    """ Inferred: variables captured during the conversation. Untyped on the page (`<unknown>`): any JSON value. """
    campaign_calls: list[Any] | Unset = UNSET
    """ Inferred: calls made for the campaign. `<array>` on the page: item type unknown. """
    sessions: list[Any] | Unset = UNSET
    """ Inferred: the conversation's sessions. `<array>` on the page: item type unknown. """
    end_reason: str | Unset = UNSET
    """ Inferred: why the conversation (or call) ended. """
    is_test: bool | Unset = UNSET
    """ Inferred: whether this is a test conversation. """
    metrics: list[Any] | Unset = UNSET
    """ Inferred: metrics recorded for the conversation. `<array>` on the page: item type unknown. """
    notify_to_user_id: str | Unset = UNSET
    """ Inferred: ID of the team member to notify about this conversation. """
    average_latency: float | Unset = UNSET
    """ Inferred: average reply latency. A number because latencies are fractional; the unit is not stated. """
    voice: VoiceSession | Unset = UNSET
    """ Inferred: the live voice session of a call. """
    detailed_cost: DetailedCost | Unset = UNSET
    """ Inferred: the cost of the conversation, broken down by service. """
    summary: str | Unset = UNSET
    """ Inferred: an AI-written summary of the conversation. """
    requested_team_key: str | Unset = UNSET
    """ Inferred: key of the team a hand-off was requested to. """
    delegated_by: str | Unset = UNSET
    """ Inferred: ID of the team member who delegated the conversation. """
    delegated_at: int | Unset = UNSET
    """ When the conversation was delegated, Unix epoch. (Third-party description.) Seconds, as in the page's
    example timestamps. """
    last_viewed: int | Unset = UNSET
    """ When the conversation was last viewed, Unix epoch. (Third-party description.) Seconds, as in the page's
    example timestamps. """
    note: str | Unset = UNSET
    """ Inferred: a single note on the conversation (distinct from the lead's `notes`). """
    assigned_to: Assignee | Unset = UNSET
    """ Inferred: the team member the conversation is assigned to. """
    hot_score: float | Unset = UNSET
    """ Inferred: how "hot" the lead is. A number because scores can be fractional. """
    crm_activities: list[CrmActivity] | Unset = UNSET
    """ Inferred: CRM activities (tasks, follow-ups) on the lead. """
    crm_alerts: CrmAlerts | Unset = UNSET
    """ Inferred: CRM alert flags raised on the lead. """
    contact_identity_id: str | Unset = UNSET
    """ Inferred: ID of the contact identity that links this user across channels. """
    linked_channels: list[str] | Unset = UNSET
    """ Inferred: other channels linked to the same contact. """
    cross_channel_context: str | Unset = UNSET
    """ Inferred: context carried over from the contact's other channels. """
    lead_score: float | Unset = UNSET
    """ Inferred: the lead's score (the page shows `0`). A number because scores can be fractional. """
    funnel_steps_matched: list[Any] | Unset = UNSET
    """ Inferred: funnel steps the conversation matched. `[]` on the page: item type unknown. """
    funnel_score_history: list[Any] | Unset = UNSET
    """ Inferred: history of funnel scores. `[]` on the page: item type unknown. """
    funnel_notification_sent: bool | Unset = UNSET
    """ Inferred: whether the funnel notification was sent. """
    funnel_last_evaluated: int | Unset = UNSET
    """ Inferred: when the funnel was last evaluated, Unix epoch seconds. """
    funnel_extracted_data: ConversationFunnelExtractedData | Unset = UNSET
    """ Inferred: data the funnel extracted from the conversation. `{}` on the page: any keys. """
    funnel_summary: str | Unset = UNSET
    """ Inferred: summary of the funnel evaluation. """
    token_usage: TokenUsage | Unset = UNSET
    """ Inferred: language-model token usage and its cost. """
    inbound_engagement_state: InboundEngagementState | Unset = UNSET
    """ Inferred: the AI's decisions on whether to reply to inbound messages. """
    title: str | Unset = UNSET
    """ Inferred: title of the conversation. """
    last_message: str | Unset = UNSET
    """ Inferred: text of the last message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    @classmethod
    def _shape_(cls) -> _vg.ModelShape:
        """The documented fields of this model, as the decoder walks them."""
        return _shape()

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the documented fields, then any undocumented ones it keeps."""
        encoded: dict[str, Any] = _shape().encode(self)
        return encoded

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], *, strict: bool = False) -> T:
        """Build the model from JSON data.

        Lenient (the default): values that depart from the spec are kept as they are.
        ``strict=True``: any departure raises ``ResponseShapeError`` naming every JSON path.
        Data that is not an object at all raises ``ResponseShapeError`` either way.
        """
        instance, problems = _vg.decode(cls, src_dict)
        if problems and (strict or not isinstance(instance, cls)):
            raise _vg_errors.ResponseShapeError.from_problems(
                problems, body_excerpt=_vg_errors.excerpt(repr(src_dict).encode())
            )
        return instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


@functools.cache
def _shape() -> _vg.ModelShape:
    from ..models.assignee import Assignee  # noqa: PLC0415
    from ..models.conversation_funnel_extracted_data import ConversationFunnelExtractedData  # noqa: PLC0415
    from ..models.crm_activity import CrmActivity  # noqa: PLC0415
    from ..models.crm_alerts import CrmAlerts  # noqa: PLC0415
    from ..models.detailed_cost import DetailedCost  # noqa: PLC0415
    from ..models.handoff_entry import HandoffEntry  # noqa: PLC0415
    from ..models.inbound_engagement_state import InboundEngagementState  # noqa: PLC0415
    from ..models.nodes_info import NodesInfo  # noqa: PLC0415
    from ..models.token_usage import TokenUsage  # noqa: PLC0415
    from ..models.vapi_call import VapiCall  # noqa: PLC0415
    from ..models.voice_session import VoiceSession  # noqa: PLC0415
    from ..models.voiceflow_v4_session import VoiceflowV4Session  # noqa: PLC0415

    return _vg.ModelShape(
        Conversation,
        fields=(
            _vg.Field("ID", "id", _vg.STRING, required=True),
            _vg.Field("userEmail", "user_email", _vg.STRING, required=False),
            _vg.Field("userName", "user_name", _vg.STRING, required=False),
            _vg.Field("userPhone", "user_phone", _vg.STRING, required=False),
            _vg.Field("userAddress", "user_address", _vg.STRING, required=False),
            _vg.Field("userCompany", "user_company", _vg.STRING, required=False),
            _vg.Field("userWebsite", "user_website", _vg.STRING, required=False),
            _vg.Field("notes", "notes", _vg.STRING, required=False),
            _vg.Field("userProfilePic", "user_profile_pic", _vg.STRING, required=False),
            _vg.Field("value", "value", _vg.NUMBER, required=False),
            _vg.Field("currency", "currency", _vg.STRING, required=False),
            _vg.Field("expectedCloseDate", "expected_close_date", _vg.STRING, required=False),
            _vg.Field("subIndustry", "sub_industry", _vg.STRING, required=False),
            _vg.Field("source", "source", _vg.STRING, required=False),
            _vg.Field("language", "language", _vg.STRING, required=False),
            _vg.Field("linkedIn", "linked_in", _vg.STRING, required=False),
            _vg.Field("facebook", "facebook", _vg.STRING, required=False),
            _vg.Field("instagram", "instagram", _vg.STRING, required=False),
            _vg.Field("demoDate", "demo_date", _vg.STRING, required=False),
            _vg.Field("demoTime", "demo_time", _vg.STRING, required=False),
            _vg.Field("demoLink", "demo_link", _vg.STRING, required=False),
            _vg.Field("lostReason", "lost_reason", _vg.STRING, required=False),
            _vg.Field("lastActivityDate", "last_activity_date", _vg.STRING, required=False),
            _vg.Field("userID", "user_id", _vg.STRING, required=False),
            _vg.Field("campaignId", "campaign_id", _vg.STRING, required=False),
            _vg.Field("userImage", "user_image", _vg.STRING, required=False),
            _vg.Field("socialHandle", "social_handle", _vg.STRING, required=False),
            _vg.Field("isFollowingBusiness", "is_following_business", _vg.BOOLEAN, required=False),
            _vg.Field("socialVerified", "social_verified", _vg.BOOLEAN, required=False),
            _vg.Field("userOs", "user_os", _vg.STRING, required=False),
            _vg.Field("userBrowser", "user_browser", _vg.STRING, required=False),
            _vg.Field("ipAddress", "ip_address", _vg.STRING, required=False),
            _vg.Field("countryCode", "country_code", _vg.STRING, required=False),
            _vg.Field("origin", "origin", _vg.ANY, required=False),
            _vg.Field(
                "state",
                "state",
                _vg.Choice("ai-chatting", "ended_chat", "human-chatting", "requested_chat"),
                required=False,
            ),
            _vg.Field("whatsappPhoneNumberId", "whatsapp_phone_number_id", _vg.STRING, required=False),
            _vg.Field("whatsappBusinessNumber", "whatsapp_business_number", _vg.STRING, required=False),
            _vg.Field("whatsappDisplayPhoneNumber", "whatsapp_display_phone_number", _vg.STRING, required=False),
            _vg.Field("whatsappBusinessAccountId", "whatsapp_business_account_id", _vg.STRING, required=False),
            _vg.Field("voiceflowV4Session", "voiceflow_v4_session", _vg.ModelRef(VoiceflowV4Session), required=False),
            _vg.Field("messagesNum", "messages_num", _vg.INTEGER, required=False),
            _vg.Field("interactionsNum", "interactions_num", _vg.INTEGER, required=False),
            _vg.Field("ts", "ts", _vg.INTEGER, required=False),
            _vg.Field("tags", "tags", _vg.ListOf(_vg.STRING), required=False),
            _vg.Field("convoTimeSeconds", "convo_time_seconds", _vg.NUMBER, required=False),
            _vg.Field("firstMessageTS", "first_message_ts", _vg.INTEGER, required=False),
            _vg.Field("lastMessageTS", "last_message_ts", _vg.INTEGER, required=False),
            _vg.Field("userPlatform", "user_platform", _vg.STRING, required=False),
            _vg.Field("smbContact", "smb_contact", _vg.BOOLEAN, required=False),
            _vg.Field("smbContactName", "smb_contact_name", _vg.STRING, required=False),
            _vg.Field("smbContactRemovedAt", "smb_contact_removed_at", _vg.INTEGER, required=False),
            _vg.Field("smbLastSeenAt", "smb_last_seen_at", _vg.INTEGER, required=False),
            _vg.Field("humanClaimedAt", "human_claimed_at", _vg.INTEGER, required=False),
            _vg.Field("humanLastRepliedAt", "human_last_replied_at", _vg.INTEGER, required=False),
            _vg.Field("pendingAiReplyAt", "pending_ai_reply_at", _vg.INTEGER, required=False),
            _vg.Field("chatAssignedTo", "chat_assigned_to", _vg.STRING, required=False),
            _vg.Field("handoffHistory", "handoff_history", _vg.ListOf(_vg.ModelRef(HandoffEntry)), required=False),
            _vg.Field("isTyping", "is_typing", _vg.BOOLEAN, required=False),
            _vg.Field("lastModified", "last_modified", _vg.INTEGER, required=False),
            _vg.Field("sessionsNum", "sessions_num", _vg.INTEGER, required=False),
            _vg.Field("lang", "lang", _vg.STRING, required=False),
            _vg.Field("vapi", "vapi", _vg.ModelRef(VapiCall), required=False),
            _vg.Field("ratingFrom5", "rating_from_5", _vg.NUMBER, required=False),
            _vg.Field("totalUserInteractions", "total_user_interactions", _vg.INTEGER, required=False),
            _vg.Field("isBlocked", "is_blocked", _vg.BOOLEAN, required=False),
            _vg.Field("nodesInfo", "nodes_info", _vg.ModelRef(NodesInfo), required=False),
            _vg.Field("capturedVariables", "captured_variables", _vg.ANY, required=False),
            _vg.Field("campaignCalls", "campaign_calls", _vg.ListOf(_vg.ANY), required=False),
            _vg.Field("sessions", "sessions", _vg.ListOf(_vg.ANY), required=False),
            _vg.Field("endReason", "end_reason", _vg.STRING, required=False),
            _vg.Field("isTest", "is_test", _vg.BOOLEAN, required=False),
            _vg.Field("metrics", "metrics", _vg.ListOf(_vg.ANY), required=False),
            _vg.Field("notifyToUserId", "notify_to_user_id", _vg.STRING, required=False),
            _vg.Field("averageLatency", "average_latency", _vg.NUMBER, required=False),
            _vg.Field("voice", "voice", _vg.ModelRef(VoiceSession), required=False),
            _vg.Field("detailedCost", "detailed_cost", _vg.ModelRef(DetailedCost), required=False),
            _vg.Field("summary", "summary", _vg.STRING, required=False),
            _vg.Field("requestedTeamKey", "requested_team_key", _vg.STRING, required=False),
            _vg.Field("delegatedBy", "delegated_by", _vg.STRING, required=False),
            _vg.Field("delegatedAt", "delegated_at", _vg.INTEGER, required=False),
            _vg.Field("lastViewed", "last_viewed", _vg.INTEGER, required=False),
            _vg.Field("note", "note", _vg.STRING, required=False),
            _vg.Field("assignedTo", "assigned_to", _vg.ModelRef(Assignee), required=False),
            _vg.Field("hotScore", "hot_score", _vg.NUMBER, required=False),
            _vg.Field("crmActivities", "crm_activities", _vg.ListOf(_vg.ModelRef(CrmActivity)), required=False),
            _vg.Field("crmAlerts", "crm_alerts", _vg.ModelRef(CrmAlerts), required=False),
            _vg.Field("contactIdentityId", "contact_identity_id", _vg.STRING, required=False),
            _vg.Field("linkedChannels", "linked_channels", _vg.ListOf(_vg.STRING), required=False),
            _vg.Field("crossChannelContext", "cross_channel_context", _vg.STRING, required=False),
            _vg.Field("leadScore", "lead_score", _vg.NUMBER, required=False),
            _vg.Field("funnelStepsMatched", "funnel_steps_matched", _vg.ListOf(_vg.ANY), required=False),
            _vg.Field("funnelScoreHistory", "funnel_score_history", _vg.ListOf(_vg.ANY), required=False),
            _vg.Field("funnelNotificationSent", "funnel_notification_sent", _vg.BOOLEAN, required=False),
            _vg.Field("funnelLastEvaluated", "funnel_last_evaluated", _vg.INTEGER, required=False),
            _vg.Field(
                "funnelExtractedData",
                "funnel_extracted_data",
                _vg.ModelRef(ConversationFunnelExtractedData),
                required=False,
            ),
            _vg.Field("funnelSummary", "funnel_summary", _vg.STRING, required=False),
            _vg.Field("tokenUsage", "token_usage", _vg.ModelRef(TokenUsage), required=False),
            _vg.Field(
                "inboundEngagementState",
                "inbound_engagement_state",
                _vg.ModelRef(InboundEngagementState),
                required=False,
            ),
            _vg.Field("title", "title", _vg.STRING, required=False),
            _vg.Field("lastMessage", "last_message", _vg.STRING, required=False),
        ),
        extra=_vg.ANY,
    )
