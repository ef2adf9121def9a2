package dev.chat.api.channels;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Channel;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelService channels;
    private final ChannelReading reading;
    private final CallerContext callers;

    public ChannelResource(ChannelService channels, ChannelReading reading, CallerContext callers) {
        this.channels = channels;
        this.reading = reading;
        this.callers = callers;
    }

    /** The channels the caller may see: every public one, and the private ones they are in. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    @Path("/workspaces/{workspaceId}/channels")
    public Uni<List<Channel>> list(@PathParam("workspaceId") UUID workspaceId) {
        return channels.list(subject(), workspaceId);
    }

    /** Marks the channel read up to a message of it; the position never moves back. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @POST
    @Path("/channels/{id}/read")
    public Uni<RestResponse<Void>> markRead(@PathParam("id") UUID channelId, ChannelRequests.MarkRead request) {
        return reading.markRead(subject(), channelId, request).map(ok -> RestResponse.noContent());
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_EXISTS})
    @POST
    @Path("/workspaces/{workspaceId}/channels")
    public Uni<RestResponse<Channel>> create(@PathParam("workspaceId") UUID workspaceId,
                                             ChannelRequests.Create request) {
        return channels.create(subject(), workspaceId, request)
                .map(channel -> RestResponse.status(RestResponse.Status.CREATED, channel));
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    @Path("/channels/{id}")
    public Uni<Channel> get(@PathParam("id") UUID channelId) {
        return channels.get(subject(), channelId);
    }

    /** Sets the topic (the only field a channel changes for now). */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.NOT_IN_CHANNEL, ErrorCode.CHANNEL_ARCHIVED})
    @PATCH
    @Path("/channels/{id}")
    public Uni<Channel> update(@PathParam("id") UUID channelId, ChannelRequests.Update request) {
        return channels.setTopic(subject(), channelId, request);
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED, ErrorCode.CHANNEL_PROTECTED,
            ErrorCode.CHANNEL_ARCHIVED})
    @POST
    @Path("/channels/{id}/archive")
    public Uni<Channel> archive(@PathParam("id") UUID channelId) {
        return channels.archive(subject(), channelId);
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED})
    @POST
    @Path("/channels/{id}/join")
    public Uni<Channel> join(@PathParam("id") UUID channelId) {
        return channels.join(subject(), channelId);
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_PROTECTED})
    @POST
    @Path("/channels/{id}/leave")
    public Uni<RestResponse<Void>> leave(@PathParam("id") UUID channelId) {
        return channels.leave(subject(), channelId).map(ok -> RestResponse.noContent());
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED, ErrorCode.MEMBER_NOT_ACTIVE})
    @POST
    @Path("/channels/{id}/members")
    public Uni<RestResponse<Void>> addMember(@PathParam("id") UUID channelId, ChannelRequests.AddMember request) {
        return channels.addMember(subject(), channelId, request).map(ok -> RestResponse.noContent());
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_PROTECTED, ErrorCode.ADMIN_REQUIRED})
    @DELETE
    @Path("/channels/{id}/members/{userId}")
    public Uni<RestResponse<Void>> removeMember(@PathParam("id") UUID channelId, @PathParam("userId") UUID userId) {
        return channels.removeMember(subject(), channelId, userId).map(ok -> RestResponse.noContent());
    }

    private String subject() {
        return callers.caller().subject();
    }
}
