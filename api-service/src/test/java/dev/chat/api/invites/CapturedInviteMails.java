package dev.chat.api.invites;

import dev.chat.http.problems.RequestIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.MDC;

/** Replaces the logging mail sender in tests: keeps every invite mail so a test can follow its link. */
@ApplicationScoped
public class CapturedInviteMails implements InviteMailer {

    private final List<InviteMail> sent = new CopyOnWriteArrayList<>();
    /** The request id in the logging context when each mail was sent: what a log line of the mailer would show. */
    private final List<Object> requestIds = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> send(InviteMail mail) {
        sent.add(mail);
        requestIds.add(String.valueOf(MDC.get(RequestIds.MDC_KEY)));
        return Uni.createFrom().voidItem();
    }

    /** The request id logged with the last mail sent to {@code address}. */
    public Object requestIdOfLastMailTo(String address) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(address)) {
                return requestIds.get(i);
            }
        }
        throw new AssertionError("no invite mail to " + address);
    }

    /** The token in the last mail sent to {@code address}. */
    public String lastTokenTo(String address) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            InviteMail mail = sent.get(i);
            if (mail.to().equals(address)) {
                return mail.acceptLink().substring(mail.acceptLink().indexOf('#') + 1);
            }
        }
        throw new AssertionError("no invite mail to " + address);
    }

    public long countTo(String address) {
        return sent.stream().filter(mail -> mail.to().equals(address)).count();
    }
}
