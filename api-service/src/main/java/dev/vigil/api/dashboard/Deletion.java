package dev.vigil.api.dashboard;

import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A delete behind a confirmation page, the same in every page group: {@code GET .../delete} shows what goes with it
 * and asks ({@code dashboard/confirm-delete}), {@code POST .../delete} deletes and goes back to the list with a
 * notice. The page groups only say what is deleted; they check the caller may write before showing or deleting.
 *
 * @param noun        what is deleted, e.g. "alert channel"
 * @param button      the confirming button's label
 * @param consequence what goes with it, in a sentence
 * @param path        where the confirmation posts
 * @param cancel      where "Cancel" leads
 */
public record Deletion(String noun, String button, String name, String consequence, String path, String cancel) {

    /** The confirmation page. */
    public String confirm(Model model) {
        model.addAttribute("deletion", this);
        return "dashboard/confirm-delete";
    }

    /** After the delete: back to {@code list}, with a notice naming what went. */
    public String done(RedirectAttributes redirect, String list) {
        redirect.addFlashAttribute("notice", noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1)
                + " \"" + name + "\" deleted.");
        return "redirect:" + list;
    }
}
