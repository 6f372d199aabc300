from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversation_state import ConversationState, check_conversation_state
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

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_email = self.user_email

        user_name = self.user_name

        user_phone = self.user_phone

        user_address = self.user_address

        user_company = self.user_company

        user_website = self.user_website

        notes = self.notes

        user_profile_pic = self.user_profile_pic

        value = self.value

        currency = self.currency

        expected_close_date = self.expected_close_date

        sub_industry = self.sub_industry

        source = self.source

        language = self.language

        linked_in = self.linked_in

        facebook = self.facebook

        instagram = self.instagram

        demo_date = self.demo_date

        demo_time = self.demo_time

        demo_link = self.demo_link

        lost_reason = self.lost_reason

        last_activity_date = self.last_activity_date

        user_id = self.user_id

        campaign_id = self.campaign_id

        user_image = self.user_image

        social_handle = self.social_handle

        is_following_business = self.is_following_business

        social_verified = self.social_verified

        user_os = self.user_os

        user_browser = self.user_browser

        ip_address = self.ip_address

        country_code = self.country_code

        origin = self.origin

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state

        whatsapp_phone_number_id = self.whatsapp_phone_number_id

        whatsapp_business_number = self.whatsapp_business_number

        whatsapp_display_phone_number = self.whatsapp_display_phone_number

        whatsapp_business_account_id = self.whatsapp_business_account_id

        voiceflow_v4_session: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voiceflow_v4_session, Unset):
            voiceflow_v4_session = self.voiceflow_v4_session.to_dict()

        messages_num = self.messages_num

        interactions_num = self.interactions_num

        ts = self.ts

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        convo_time_seconds = self.convo_time_seconds

        first_message_ts = self.first_message_ts

        last_message_ts = self.last_message_ts

        user_platform = self.user_platform

        smb_contact = self.smb_contact

        smb_contact_name = self.smb_contact_name

        smb_contact_removed_at = self.smb_contact_removed_at

        smb_last_seen_at = self.smb_last_seen_at

        human_claimed_at = self.human_claimed_at

        human_last_replied_at = self.human_last_replied_at

        pending_ai_reply_at = self.pending_ai_reply_at

        chat_assigned_to = self.chat_assigned_to

        handoff_history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.handoff_history, Unset):
            handoff_history = []
            for handoff_history_item_data in self.handoff_history:
                handoff_history_item = handoff_history_item_data.to_dict()
                handoff_history.append(handoff_history_item)

        is_typing = self.is_typing

        last_modified = self.last_modified

        sessions_num = self.sessions_num

        lang = self.lang

        vapi: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vapi, Unset):
            vapi = self.vapi.to_dict()

        rating_from_5 = self.rating_from_5

        total_user_interactions = self.total_user_interactions

        is_blocked = self.is_blocked

        nodes_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nodes_info, Unset):
            nodes_info = self.nodes_info.to_dict()

        captured_variables = self.captured_variables

        campaign_calls: list[Any] | Unset = UNSET
        if not isinstance(self.campaign_calls, Unset):
            campaign_calls = self.campaign_calls

        sessions: list[Any] | Unset = UNSET
        if not isinstance(self.sessions, Unset):
            sessions = self.sessions

        end_reason = self.end_reason

        is_test = self.is_test

        metrics: list[Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics

        notify_to_user_id = self.notify_to_user_id

        average_latency = self.average_latency

        voice: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice, Unset):
            voice = self.voice.to_dict()

        detailed_cost: dict[str, Any] | Unset = UNSET
        if not isinstance(self.detailed_cost, Unset):
            detailed_cost = self.detailed_cost.to_dict()

        summary = self.summary

        requested_team_key = self.requested_team_key

        delegated_by = self.delegated_by

        delegated_at = self.delegated_at

        last_viewed = self.last_viewed

        note = self.note

        assigned_to: dict[str, Any] | Unset = UNSET
        if not isinstance(self.assigned_to, Unset):
            assigned_to = self.assigned_to.to_dict()

        hot_score = self.hot_score

        crm_activities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.crm_activities, Unset):
            crm_activities = []
            for crm_activities_item_data in self.crm_activities:
                crm_activities_item = crm_activities_item_data.to_dict()
                crm_activities.append(crm_activities_item)

        crm_alerts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.crm_alerts, Unset):
            crm_alerts = self.crm_alerts.to_dict()

        contact_identity_id = self.contact_identity_id

        linked_channels: list[str] | Unset = UNSET
        if not isinstance(self.linked_channels, Unset):
            linked_channels = self.linked_channels

        cross_channel_context = self.cross_channel_context

        lead_score = self.lead_score

        funnel_steps_matched: list[Any] | Unset = UNSET
        if not isinstance(self.funnel_steps_matched, Unset):
            funnel_steps_matched = self.funnel_steps_matched

        funnel_score_history: list[Any] | Unset = UNSET
        if not isinstance(self.funnel_score_history, Unset):
            funnel_score_history = self.funnel_score_history

        funnel_notification_sent = self.funnel_notification_sent

        funnel_last_evaluated = self.funnel_last_evaluated

        funnel_extracted_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.funnel_extracted_data, Unset):
            funnel_extracted_data = self.funnel_extracted_data.to_dict()

        funnel_summary = self.funnel_summary

        token_usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token_usage, Unset):
            token_usage = self.token_usage.to_dict()

        inbound_engagement_state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.inbound_engagement_state, Unset):
            inbound_engagement_state = self.inbound_engagement_state.to_dict()

        title = self.title

        last_message = self.last_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ID": id,
            }
        )
        if user_email is not UNSET:
            field_dict["userEmail"] = user_email
        if user_name is not UNSET:
            field_dict["userName"] = user_name
        if user_phone is not UNSET:
            field_dict["userPhone"] = user_phone
        if user_address is not UNSET:
            field_dict["userAddress"] = user_address
        if user_company is not UNSET:
            field_dict["userCompany"] = user_company
        if user_website is not UNSET:
            field_dict["userWebsite"] = user_website
        if notes is not UNSET:
            field_dict["notes"] = notes
        if user_profile_pic is not UNSET:
            field_dict["userProfilePic"] = user_profile_pic
        if value is not UNSET:
            field_dict["value"] = value
        if currency is not UNSET:
            field_dict["currency"] = currency
        if expected_close_date is not UNSET:
            field_dict["expectedCloseDate"] = expected_close_date
        if sub_industry is not UNSET:
            field_dict["subIndustry"] = sub_industry
        if source is not UNSET:
            field_dict["source"] = source
        if language is not UNSET:
            field_dict["language"] = language
        if linked_in is not UNSET:
            field_dict["linkedIn"] = linked_in
        if facebook is not UNSET:
            field_dict["facebook"] = facebook
        if instagram is not UNSET:
            field_dict["instagram"] = instagram
        if demo_date is not UNSET:
            field_dict["demoDate"] = demo_date
        if demo_time is not UNSET:
            field_dict["demoTime"] = demo_time
        if demo_link is not UNSET:
            field_dict["demoLink"] = demo_link
        if lost_reason is not UNSET:
            field_dict["lostReason"] = lost_reason
        if last_activity_date is not UNSET:
            field_dict["lastActivityDate"] = last_activity_date
        if user_id is not UNSET:
            field_dict["userID"] = user_id
        if campaign_id is not UNSET:
            field_dict["campaignId"] = campaign_id
        if user_image is not UNSET:
            field_dict["userImage"] = user_image
        if social_handle is not UNSET:
            field_dict["socialHandle"] = social_handle
        if is_following_business is not UNSET:
            field_dict["isFollowingBusiness"] = is_following_business
        if social_verified is not UNSET:
            field_dict["socialVerified"] = social_verified
        if user_os is not UNSET:
            field_dict["userOs"] = user_os
        if user_browser is not UNSET:
            field_dict["userBrowser"] = user_browser
        if ip_address is not UNSET:
            field_dict["ipAddress"] = ip_address
        if country_code is not UNSET:
            field_dict["countryCode"] = country_code
        if origin is not UNSET:
            field_dict["origin"] = origin
        if state is not UNSET:
            field_dict["state"] = state
        if whatsapp_phone_number_id is not UNSET:
            field_dict["whatsappPhoneNumberId"] = whatsapp_phone_number_id
        if whatsapp_business_number is not UNSET:
            field_dict["whatsappBusinessNumber"] = whatsapp_business_number
        if whatsapp_display_phone_number is not UNSET:
            field_dict["whatsappDisplayPhoneNumber"] = whatsapp_display_phone_number
        if whatsapp_business_account_id is not UNSET:
            field_dict["whatsappBusinessAccountId"] = whatsapp_business_account_id
        if voiceflow_v4_session is not UNSET:
            field_dict["voiceflowV4Session"] = voiceflow_v4_session
        if messages_num is not UNSET:
            field_dict["messagesNum"] = messages_num
        if interactions_num is not UNSET:
            field_dict["interactionsNum"] = interactions_num
        if ts is not UNSET:
            field_dict["ts"] = ts
        if tags is not UNSET:
            field_dict["tags"] = tags
        if convo_time_seconds is not UNSET:
            field_dict["convoTimeSeconds"] = convo_time_seconds
        if first_message_ts is not UNSET:
            field_dict["firstMessageTS"] = first_message_ts
        if last_message_ts is not UNSET:
            field_dict["lastMessageTS"] = last_message_ts
        if user_platform is not UNSET:
            field_dict["userPlatform"] = user_platform
        if smb_contact is not UNSET:
            field_dict["smbContact"] = smb_contact
        if smb_contact_name is not UNSET:
            field_dict["smbContactName"] = smb_contact_name
        if smb_contact_removed_at is not UNSET:
            field_dict["smbContactRemovedAt"] = smb_contact_removed_at
        if smb_last_seen_at is not UNSET:
            field_dict["smbLastSeenAt"] = smb_last_seen_at
        if human_claimed_at is not UNSET:
            field_dict["humanClaimedAt"] = human_claimed_at
        if human_last_replied_at is not UNSET:
            field_dict["humanLastRepliedAt"] = human_last_replied_at
        if pending_ai_reply_at is not UNSET:
            field_dict["pendingAiReplyAt"] = pending_ai_reply_at
        if chat_assigned_to is not UNSET:
            field_dict["chatAssignedTo"] = chat_assigned_to
        if handoff_history is not UNSET:
            field_dict["handoffHistory"] = handoff_history
        if is_typing is not UNSET:
            field_dict["isTyping"] = is_typing
        if last_modified is not UNSET:
            field_dict["lastModified"] = last_modified
        if sessions_num is not UNSET:
            field_dict["sessionsNum"] = sessions_num
        if lang is not UNSET:
            field_dict["lang"] = lang
        if vapi is not UNSET:
            field_dict["vapi"] = vapi
        if rating_from_5 is not UNSET:
            field_dict["ratingFrom5"] = rating_from_5
        if total_user_interactions is not UNSET:
            field_dict["totalUserInteractions"] = total_user_interactions
        if is_blocked is not UNSET:
            field_dict["isBlocked"] = is_blocked
        if nodes_info is not UNSET:
            field_dict["nodesInfo"] = nodes_info
        if captured_variables is not UNSET:
            field_dict["capturedVariables"] = captured_variables
        if campaign_calls is not UNSET:
            field_dict["campaignCalls"] = campaign_calls
        if sessions is not UNSET:
            field_dict["sessions"] = sessions
        if end_reason is not UNSET:
            field_dict["endReason"] = end_reason
        if is_test is not UNSET:
            field_dict["isTest"] = is_test
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if notify_to_user_id is not UNSET:
            field_dict["notifyToUserId"] = notify_to_user_id
        if average_latency is not UNSET:
            field_dict["averageLatency"] = average_latency
        if voice is not UNSET:
            field_dict["voice"] = voice
        if detailed_cost is not UNSET:
            field_dict["detailedCost"] = detailed_cost
        if summary is not UNSET:
            field_dict["summary"] = summary
        if requested_team_key is not UNSET:
            field_dict["requestedTeamKey"] = requested_team_key
        if delegated_by is not UNSET:
            field_dict["delegatedBy"] = delegated_by
        if delegated_at is not UNSET:
            field_dict["delegatedAt"] = delegated_at
        if last_viewed is not UNSET:
            field_dict["lastViewed"] = last_viewed
        if note is not UNSET:
            field_dict["note"] = note
        if assigned_to is not UNSET:
            field_dict["assignedTo"] = assigned_to
        if hot_score is not UNSET:
            field_dict["hotScore"] = hot_score
        if crm_activities is not UNSET:
            field_dict["crmActivities"] = crm_activities
        if crm_alerts is not UNSET:
            field_dict["crmAlerts"] = crm_alerts
        if contact_identity_id is not UNSET:
            field_dict["contactIdentityId"] = contact_identity_id
        if linked_channels is not UNSET:
            field_dict["linkedChannels"] = linked_channels
        if cross_channel_context is not UNSET:
            field_dict["crossChannelContext"] = cross_channel_context
        if lead_score is not UNSET:
            field_dict["leadScore"] = lead_score
        if funnel_steps_matched is not UNSET:
            field_dict["funnelStepsMatched"] = funnel_steps_matched
        if funnel_score_history is not UNSET:
            field_dict["funnelScoreHistory"] = funnel_score_history
        if funnel_notification_sent is not UNSET:
            field_dict["funnelNotificationSent"] = funnel_notification_sent
        if funnel_last_evaluated is not UNSET:
            field_dict["funnelLastEvaluated"] = funnel_last_evaluated
        if funnel_extracted_data is not UNSET:
            field_dict["funnelExtractedData"] = funnel_extracted_data
        if funnel_summary is not UNSET:
            field_dict["funnelSummary"] = funnel_summary
        if token_usage is not UNSET:
            field_dict["tokenUsage"] = token_usage
        if inbound_engagement_state is not UNSET:
            field_dict["inboundEngagementState"] = inbound_engagement_state
        if title is not UNSET:
            field_dict["title"] = title
        if last_message is not UNSET:
            field_dict["lastMessage"] = last_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        d = dict(src_dict)
        id = d.pop("ID")

        user_email = d.pop("userEmail", UNSET)

        user_name = d.pop("userName", UNSET)

        user_phone = d.pop("userPhone", UNSET)

        user_address = d.pop("userAddress", UNSET)

        user_company = d.pop("userCompany", UNSET)

        user_website = d.pop("userWebsite", UNSET)

        notes = d.pop("notes", UNSET)

        user_profile_pic = d.pop("userProfilePic", UNSET)

        value = d.pop("value", UNSET)

        currency = d.pop("currency", UNSET)

        expected_close_date = d.pop("expectedCloseDate", UNSET)

        sub_industry = d.pop("subIndustry", UNSET)

        source = d.pop("source", UNSET)

        language = d.pop("language", UNSET)

        linked_in = d.pop("linkedIn", UNSET)

        facebook = d.pop("facebook", UNSET)

        instagram = d.pop("instagram", UNSET)

        demo_date = d.pop("demoDate", UNSET)

        demo_time = d.pop("demoTime", UNSET)

        demo_link = d.pop("demoLink", UNSET)

        lost_reason = d.pop("lostReason", UNSET)

        last_activity_date = d.pop("lastActivityDate", UNSET)

        user_id = d.pop("userID", UNSET)

        campaign_id = d.pop("campaignId", UNSET)

        user_image = d.pop("userImage", UNSET)

        social_handle = d.pop("socialHandle", UNSET)

        is_following_business = d.pop("isFollowingBusiness", UNSET)

        social_verified = d.pop("socialVerified", UNSET)

        user_os = d.pop("userOs", UNSET)

        user_browser = d.pop("userBrowser", UNSET)

        ip_address = d.pop("ipAddress", UNSET)

        country_code = d.pop("countryCode", UNSET)

        origin = d.pop("origin", UNSET)

        _state = d.pop("state", UNSET)
        state: ConversationState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = check_conversation_state(_state)

        whatsapp_phone_number_id = d.pop("whatsappPhoneNumberId", UNSET)

        whatsapp_business_number = d.pop("whatsappBusinessNumber", UNSET)

        whatsapp_display_phone_number = d.pop("whatsappDisplayPhoneNumber", UNSET)

        whatsapp_business_account_id = d.pop("whatsappBusinessAccountId", UNSET)

        _voiceflow_v4_session = d.pop("voiceflowV4Session", UNSET)
        voiceflow_v4_session: VoiceflowV4Session | Unset
        if isinstance(_voiceflow_v4_session, Unset):
            voiceflow_v4_session = UNSET
        else:
            voiceflow_v4_session = VoiceflowV4Session.from_dict(_voiceflow_v4_session)

        messages_num = d.pop("messagesNum", UNSET)

        interactions_num = d.pop("interactionsNum", UNSET)

        ts = d.pop("ts", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        convo_time_seconds = d.pop("convoTimeSeconds", UNSET)

        first_message_ts = d.pop("firstMessageTS", UNSET)

        last_message_ts = d.pop("lastMessageTS", UNSET)

        user_platform = d.pop("userPlatform", UNSET)

        smb_contact = d.pop("smbContact", UNSET)

        smb_contact_name = d.pop("smbContactName", UNSET)

        smb_contact_removed_at = d.pop("smbContactRemovedAt", UNSET)

        smb_last_seen_at = d.pop("smbLastSeenAt", UNSET)

        human_claimed_at = d.pop("humanClaimedAt", UNSET)

        human_last_replied_at = d.pop("humanLastRepliedAt", UNSET)

        pending_ai_reply_at = d.pop("pendingAiReplyAt", UNSET)

        chat_assigned_to = d.pop("chatAssignedTo", UNSET)

        _handoff_history = d.pop("handoffHistory", UNSET)
        handoff_history: list[HandoffEntry] | Unset = UNSET
        if _handoff_history is not UNSET:
            handoff_history = []
            for handoff_history_item_data in _handoff_history:
                handoff_history_item = HandoffEntry.from_dict(handoff_history_item_data)

                handoff_history.append(handoff_history_item)

        is_typing = d.pop("isTyping", UNSET)

        last_modified = d.pop("lastModified", UNSET)

        sessions_num = d.pop("sessionsNum", UNSET)

        lang = d.pop("lang", UNSET)

        _vapi = d.pop("vapi", UNSET)
        vapi: VapiCall | Unset
        if isinstance(_vapi, Unset):
            vapi = UNSET
        else:
            vapi = VapiCall.from_dict(_vapi)

        rating_from_5 = d.pop("ratingFrom5", UNSET)

        total_user_interactions = d.pop("totalUserInteractions", UNSET)

        is_blocked = d.pop("isBlocked", UNSET)

        _nodes_info = d.pop("nodesInfo", UNSET)
        nodes_info: NodesInfo | Unset
        if isinstance(_nodes_info, Unset):
            nodes_info = UNSET
        else:
            nodes_info = NodesInfo.from_dict(_nodes_info)

        captured_variables = d.pop("capturedVariables", UNSET)

        campaign_calls = cast(list[Any], d.pop("campaignCalls", UNSET))

        sessions = cast(list[Any], d.pop("sessions", UNSET))

        end_reason = d.pop("endReason", UNSET)

        is_test = d.pop("isTest", UNSET)

        metrics = cast(list[Any], d.pop("metrics", UNSET))

        notify_to_user_id = d.pop("notifyToUserId", UNSET)

        average_latency = d.pop("averageLatency", UNSET)

        _voice = d.pop("voice", UNSET)
        voice: VoiceSession | Unset
        if isinstance(_voice, Unset):
            voice = UNSET
        else:
            voice = VoiceSession.from_dict(_voice)

        _detailed_cost = d.pop("detailedCost", UNSET)
        detailed_cost: DetailedCost | Unset
        if isinstance(_detailed_cost, Unset):
            detailed_cost = UNSET
        else:
            detailed_cost = DetailedCost.from_dict(_detailed_cost)

        summary = d.pop("summary", UNSET)

        requested_team_key = d.pop("requestedTeamKey", UNSET)

        delegated_by = d.pop("delegatedBy", UNSET)

        delegated_at = d.pop("delegatedAt", UNSET)

        last_viewed = d.pop("lastViewed", UNSET)

        note = d.pop("note", UNSET)

        _assigned_to = d.pop("assignedTo", UNSET)
        assigned_to: Assignee | Unset
        if isinstance(_assigned_to, Unset):
            assigned_to = UNSET
        else:
            assigned_to = Assignee.from_dict(_assigned_to)

        hot_score = d.pop("hotScore", UNSET)

        _crm_activities = d.pop("crmActivities", UNSET)
        crm_activities: list[CrmActivity] | Unset = UNSET
        if _crm_activities is not UNSET:
            crm_activities = []
            for crm_activities_item_data in _crm_activities:
                crm_activities_item = CrmActivity.from_dict(crm_activities_item_data)

                crm_activities.append(crm_activities_item)

        _crm_alerts = d.pop("crmAlerts", UNSET)
        crm_alerts: CrmAlerts | Unset
        if isinstance(_crm_alerts, Unset):
            crm_alerts = UNSET
        else:
            crm_alerts = CrmAlerts.from_dict(_crm_alerts)

        contact_identity_id = d.pop("contactIdentityId", UNSET)

        linked_channels = cast(list[str], d.pop("linkedChannels", UNSET))

        cross_channel_context = d.pop("crossChannelContext", UNSET)

        lead_score = d.pop("leadScore", UNSET)

        funnel_steps_matched = cast(list[Any], d.pop("funnelStepsMatched", UNSET))

        funnel_score_history = cast(list[Any], d.pop("funnelScoreHistory", UNSET))

        funnel_notification_sent = d.pop("funnelNotificationSent", UNSET)

        funnel_last_evaluated = d.pop("funnelLastEvaluated", UNSET)

        _funnel_extracted_data = d.pop("funnelExtractedData", UNSET)
        funnel_extracted_data: ConversationFunnelExtractedData | Unset
        if isinstance(_funnel_extracted_data, Unset):
            funnel_extracted_data = UNSET
        else:
            funnel_extracted_data = ConversationFunnelExtractedData.from_dict(_funnel_extracted_data)

        funnel_summary = d.pop("funnelSummary", UNSET)

        _token_usage = d.pop("tokenUsage", UNSET)
        token_usage: TokenUsage | Unset
        if isinstance(_token_usage, Unset):
            token_usage = UNSET
        else:
            token_usage = TokenUsage.from_dict(_token_usage)

        _inbound_engagement_state = d.pop("inboundEngagementState", UNSET)
        inbound_engagement_state: InboundEngagementState | Unset
        if isinstance(_inbound_engagement_state, Unset):
            inbound_engagement_state = UNSET
        else:
            inbound_engagement_state = InboundEngagementState.from_dict(_inbound_engagement_state)

        title = d.pop("title", UNSET)

        last_message = d.pop("lastMessage", UNSET)

        conversation = cls(
            id=id,
            user_email=user_email,
            user_name=user_name,
            user_phone=user_phone,
            user_address=user_address,
            user_company=user_company,
            user_website=user_website,
            notes=notes,
            user_profile_pic=user_profile_pic,
            value=value,
            currency=currency,
            expected_close_date=expected_close_date,
            sub_industry=sub_industry,
            source=source,
            language=language,
            linked_in=linked_in,
            facebook=facebook,
            instagram=instagram,
            demo_date=demo_date,
            demo_time=demo_time,
            demo_link=demo_link,
            lost_reason=lost_reason,
            last_activity_date=last_activity_date,
            user_id=user_id,
            campaign_id=campaign_id,
            user_image=user_image,
            social_handle=social_handle,
            is_following_business=is_following_business,
            social_verified=social_verified,
            user_os=user_os,
            user_browser=user_browser,
            ip_address=ip_address,
            country_code=country_code,
            origin=origin,
            state=state,
            whatsapp_phone_number_id=whatsapp_phone_number_id,
            whatsapp_business_number=whatsapp_business_number,
            whatsapp_display_phone_number=whatsapp_display_phone_number,
            whatsapp_business_account_id=whatsapp_business_account_id,
            voiceflow_v4_session=voiceflow_v4_session,
            messages_num=messages_num,
            interactions_num=interactions_num,
            ts=ts,
            tags=tags,
            convo_time_seconds=convo_time_seconds,
            first_message_ts=first_message_ts,
            last_message_ts=last_message_ts,
            user_platform=user_platform,
            smb_contact=smb_contact,
            smb_contact_name=smb_contact_name,
            smb_contact_removed_at=smb_contact_removed_at,
            smb_last_seen_at=smb_last_seen_at,
            human_claimed_at=human_claimed_at,
            human_last_replied_at=human_last_replied_at,
            pending_ai_reply_at=pending_ai_reply_at,
            chat_assigned_to=chat_assigned_to,
            handoff_history=handoff_history,
            is_typing=is_typing,
            last_modified=last_modified,
            sessions_num=sessions_num,
            lang=lang,
            vapi=vapi,
            rating_from_5=rating_from_5,
            total_user_interactions=total_user_interactions,
            is_blocked=is_blocked,
            nodes_info=nodes_info,
            captured_variables=captured_variables,
            campaign_calls=campaign_calls,
            sessions=sessions,
            end_reason=end_reason,
            is_test=is_test,
            metrics=metrics,
            notify_to_user_id=notify_to_user_id,
            average_latency=average_latency,
            voice=voice,
            detailed_cost=detailed_cost,
            summary=summary,
            requested_team_key=requested_team_key,
            delegated_by=delegated_by,
            delegated_at=delegated_at,
            last_viewed=last_viewed,
            note=note,
            assigned_to=assigned_to,
            hot_score=hot_score,
            crm_activities=crm_activities,
            crm_alerts=crm_alerts,
            contact_identity_id=contact_identity_id,
            linked_channels=linked_channels,
            cross_channel_context=cross_channel_context,
            lead_score=lead_score,
            funnel_steps_matched=funnel_steps_matched,
            funnel_score_history=funnel_score_history,
            funnel_notification_sent=funnel_notification_sent,
            funnel_last_evaluated=funnel_last_evaluated,
            funnel_extracted_data=funnel_extracted_data,
            funnel_summary=funnel_summary,
            token_usage=token_usage,
            inbound_engagement_state=inbound_engagement_state,
            title=title,
            last_message=last_message,
        )

        conversation.additional_properties = d
        return conversation

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
