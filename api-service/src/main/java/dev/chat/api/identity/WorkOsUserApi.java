package dev.chat.api.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** WorkOS User Management: a user by id, API key as bearer (https://workos.com/docs/reference/user-management). */
@RegisterRestClient(configKey = "workos")
@Path("/user_management/users")
@ClientHeaderParam(name = "Authorization", value = "{authorization}")
public interface WorkOsUserApi {

    @GET
    @Path("/{id}")
    Uni<WorkOsUser> user(@PathParam("id") String id);

    /** The API key is read when each request is made, so it is never part of the client's configuration dump. */
    default String authorization() {
        return "Bearer " + ConfigProvider.getConfig().getValue(UserProfiles.API_KEY, String.class);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WorkOsUser(String id, String email, Boolean emailVerified, String firstName, String lastName) {
    }
}
