package dev.chat.api.invites;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Replaces the logging mail sender in tests: keeps every invite mail so a test can follow its link. */
@ApplicationScoped
public class CapturedInviteMails implements InviteMailer {

    private final List<InviteMail> sent = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> send(InviteMail mail) {
        sent.add(mail);
        return Uni.createFrom().voidItem();
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
