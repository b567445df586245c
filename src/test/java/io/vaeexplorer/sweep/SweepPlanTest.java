package io.vaeexplorer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    private static final ModelConfig BASE = ModelConfig.mlp(2, List.of(400));
    private static final TrainingConfig TRAINING = TrainingConfig.defaults();

    @Test
    void theBriefsExampleExpandsToTheFullProductInNestedLoopOrder() {
        SweepPlan plan = SweepPlan.parse("latent=2,20 hidden=400;64,32 beta=1,4 loss=bce,mse objective=elbo,recon,kl",
                BASE, TRAINING);
        assertEquals(2 * 2 * 2 * 2 * 3, plan.size());
        assertEquals(List.of("latent", "hidden", "beta", "loss", "objective"), plan.axes());
        // the last axis turns fastest, the first slowest
        assertEquals("latent=2 hidden=400 beta=1 loss=bce objective=elbo", plan.run(0).name());
        assertEquals("latent=2 hidden=400 beta=1 loss=bce objective=recon", plan.run(1).name());
        assertEquals("latent=2 hidden=400 beta=1 loss=bce objective=kl", plan.run(2).name());
        assertEquals("latent=2 hidden=400 beta=1 loss=mse objective=elbo", plan.run(3).name());
        assertEquals("latent=20 hidden=64,32 beta=4 loss=mse objective=kl", plan.run(47).name());

        ModelConfig last = plan.run(47).model();
        assertEquals(20, last.latent());
        assertEquals(List.of(64, 32), last.hidden());
        assertEquals(4f, last.beta());
        assertEquals(Likelihood.MSE, last.reconstruction());
        assertEquals(Objective.KL_ONLY, last.objective());
        assertEquals(List.of(400), plan.run(0).model().hidden());
        // every combination appears exactly once
        assertEquals(48, new HashSet<>(plan.runs().stream().map(SweepPlan.Run::model).toList()).size());
        assertTrue(plan.runs().stream().allMatch(r -> r.training().equals(TRAINING)));
    }

    @Test
    void trainingAxesChangeOnlyTheTrainingSettings() {
        SweepPlan plan = SweepPlan.parse("epochs=1;3 batch=64 lr=1e-3,0.01 seed=7 limit=500", BASE, TRAINING);
        assertEquals(4, plan.size());
        TrainingConfig t = plan.run(3).training();
        assertEquals(new TrainingConfig(3, 64, 0.01f, 7, 500), t);
        assertEquals(new TrainingConfig(1, 64, 1e-3f, 7, 500), plan.run(0).training());
        assertTrue(plan.runs().stream().allMatch(r -> r.model().equals(BASE)));
    }

    @Test
    void aScheduleAxisSetsTheKlScheduleAndOtherRunsKeepTheBasesSchedule() {
        SweepPlan plan = SweepPlan.parse("schedule=constant,WarmUp:5,capacity:25:10", BASE, TRAINING);
        assertEquals(List.of(KlSchedule.CONSTANT, KlSchedule.warmup(5), KlSchedule.capacity(25, 10)),
                plan.runs().stream().map(r -> r.training().klSchedule()).toList());
        assertEquals("schedule=warmup:5", plan.run(1).name());
        SweepPlan latents = SweepPlan.parse("latent=2,20", BASE, TRAINING.withKlSchedule(KlSchedule.cyclic(4)));
        assertTrue(latents.runs().stream().allMatch(r -> r.training().klSchedule().equals(KlSchedule.cyclic(4))),
                "an axis of another setting keeps the base schedule");
        assertBad("schedule=warmup", "'warmup' is not a KL schedule");
    }

    @Test
    void changingTheKindSwapsInThatKindsDefaultHiddenSizesUnlessHiddenIsAnAxis() {
        SweepPlan plan = SweepPlan.parse("model=mlp,conv", BASE, TRAINING);
        assertEquals(List.of(400), plan.run(0).model().hidden());
        assertEquals(ModelKind.CONV, plan.run(1).model().kind());
        assertEquals(ModelConfig.DEFAULT_CONV_HIDDEN, plan.run(1).model().hidden());
        // an explicit hidden axis wins, whatever its position in the spec
        SweepPlan explicit = SweepPlan.parse("hidden=8,16 model=conv", BASE, TRAINING);
        assertEquals(List.of(8, 16), explicit.run(0).model().hidden());
    }

    @Test
    void namesAreCaseInsensitiveAndEnumValuesAreNormalisedInRunNames() {
        SweepPlan plan = SweepPlan.parse("  LOSS=BCE;MSE   Objective=No-KL ", BASE, TRAINING);
        assertEquals(List.of("loss=bce objective=no-kl", "loss=mse objective=no-kl"),
                plan.runs().stream().map(SweepPlan.Run::name).toList());
        assertEquals(Objective.RECON_ONLY, plan.run(0).model().objective());
    }

    @Test
    void slugsAreSafeFolderNames() {
        SweepPlan plan = SweepPlan.parse("hidden=64,32 beta=0.5", BASE, TRAINING);
        assertEquals("hidden64x32_beta0.5", plan.run(0).slug());
        assertEquals("01-hidden64x32_beta0.5", SweepRunner.runFolderName(plan, 0));
        assertEquals("reconstruction_only", SweepPlan.ablations(BASE, TRAINING).run(1).slug());
    }

    @Test
    void presetsAreTheThreeAblationsAndLatentSizesTwoAndTwenty() {
        ModelConfig base = BASE.withBeta(2f);
        SweepPlan ablations = SweepPlan.Preset.byId("ABLATIONS").plan(base, TRAINING);
        assertEquals(List.of("full ELBO", "reconstruction only", "KL only"),
                ablations.runs().stream().map(SweepPlan.Run::name).toList());
        assertEquals(List.of(Objective.ELBO, Objective.RECON_ONLY, Objective.KL_ONLY),
                ablations.runs().stream().map(r -> r.model().objective()).toList());
        assertTrue(ablations.runs().stream().allMatch(r -> r.model().beta() == 2f), "base settings kept");

        SweepPlan latents = SweepPlan.latents(base, TRAINING);
        assertEquals(List.of(2, 20), latents.runs().stream().map(r -> r.model().latent()).toList());
        assertEquals(List.of("latent"), latents.axes());
        // each preset says which spec it stands for, and that spec builds the same models
        for (SweepPlan.Preset preset : SweepPlan.Preset.values()) {
            assertEquals(preset.plan(base, TRAINING, () -> 10).runs().stream().map(SweepPlan.Run::model).toList(),
                    SweepPlan.parse(preset.spec(), base, TRAINING, () -> 10).runs().stream()
                            .map(SweepPlan.Run::model).toList(), preset.id());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.Preset.byId("everything"));
    }

    @Test
    void theConditionalPresetTrainsThePlainAndTheConditionalModelOfTheSameSettings() {
        ModelConfig base = BASE.withBeta(2f);
        SweepPlan plan = SweepPlan.Preset.byId("conditional").plan(base, TRAINING, () -> 10);
        assertEquals(List.of("plain", "conditional"), plan.runs().stream().map(SweepPlan.Run::name).toList());
        assertEquals(List.of("conditional"), plan.axes());
        assertEquals(base, plan.run(0).model());
        assertEquals(base.withConditionClasses(10), plan.run(1).model());
        assertTrue(plan.run(1).model().conditional());
        assertEquals(List.of(TRAINING, TRAINING), plan.runs().stream().map(SweepPlan.Run::training).toList());

        // a conditional base keeps its classes and asks the data for none; its plain twin is told none
        SweepPlan fromConditional = SweepPlan.Preset.CONDITIONAL.plan(base.withConditionClasses(4), TRAINING,
                () -> {
                    throw new AssertionError("the classes were asked for");
                });
        assertEquals(List.of(0, 4), fromConditional.runs().stream().map(r -> r.model().conditionClasses()).toList());
        assertEquals(4, SweepPlan.Preset.CONDITIONAL.plan(base.withConditionClasses(4), TRAINING).run(1).model()
                .conditionClasses());

        // a data set without classes refuses in its own words; without any classes the preset says what it needs
        IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.Preset.CONDITIONAL.plan(base, TRAINING, () -> {
                    throw new IllegalArgumentException("a conditional model needs labelled pictures, but shapes has"
                            + " no classes");
                }));
        assertEquals("a conditional model needs labelled pictures, but shapes has no classes",
                unlabelled.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepPlan.Preset.CONDITIONAL.plan(base,
                TRAINING)).getMessage().contains("needs the data set's classes"));
        // the other presets never ask
        assertEquals(3, SweepPlan.Preset.ABLATIONS.plan(base, TRAINING, () -> {
            throw new AssertionError("the classes were asked for");
        }).size());
    }

    @Test
    void theConditionalAxisCrossesWithTheOthersAndAsksForTheClassesOnlyWhenARunIsConditional() {
        SweepPlan plan = SweepPlan.parse("conditional=no,yes latent=2,20", BASE, TRAINING, () -> 10);
        assertEquals(List.of("conditional=no latent=2", "conditional=no latent=20", "conditional=yes latent=2",
                "conditional=yes latent=20"), plan.runs().stream().map(SweepPlan.Run::name).toList());
        assertEquals(List.of(0, 0, 10, 10), plan.runs().stream().map(r -> r.model().conditionClasses()).toList());
        assertEquals(List.of(2, 20, 2, 20), plan.runs().stream().map(r -> r.model().latent()).toList());
        // without the axis a conditional base stays conditional
        assertEquals(10, SweepPlan.parse("latent=2,20", BASE.withConditionClasses(10), TRAINING).run(1).model()
                .conditionClasses());
        assertEquals(1, SweepPlan.parse("conditional=no", BASE, TRAINING).size(), "a plain run needs no classes");
        assertBad("conditional=no,maybe", "conditional=no,maybe: 'maybe' is not no or yes");
        assertBad("conditional=yes", "conditional=yes: a conditional run needs the data set's classes");
        IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.parse("conditional=yes", BASE, TRAINING, () -> {
                    throw new IllegalArgumentException("shapes has no classes");
                }));
        assertEquals("bad sweep spec: conditional=yes: shapes has no classes", unlabelled.getMessage());
    }

    @Test
    void badSpecsAreRefusedWithOneLineNamingTheProblem() {
        assertBad("", "empty");
        assertBad("latent", "'latent' is not NAME=VALUES");
        assertBad("=2", "'=2' is not NAME=VALUES");
        assertBad("latnt=2,20", "unknown axis 'latnt' (known: model, latent, hidden");
        assertBad("latent=2 latent=20", "axis 'latent' given twice");
        assertBad("latent=", "axis 'latent' has no values");
        assertBad("latent=2,,20", "latent=2,,20: empty value");
        assertBad("latent=2,x", "latent=2,x: 'x' is not a whole number");
        assertBad("beta=1,abc", "beta=1,abc: 'abc' is not a number");
        assertBad("beta=NaN", "'NaN' is not a number");
        assertBad("loss=bce,l1", "'l1' is not bce or mse");
        assertBad("objective=elbo,vae", "'vae' is not elbo, recon or kl");
        assertBad("model=rnn", "'rnn' is not mlp or conv");
        assertBad("hidden=400;64,,32", "'' is not a whole number");
        assertBad("latent=2,2", "value '2' given twice");
        assertBad("latent=2,0", "latent=0: latent size must be between 1 and 1024, got 0");
        assertBad("beta=-1", "beta=-1: beta must be a finite number >= 0");
        assertBad("lr=0", "learning rate must be a finite number > 0");
        assertBad("seed=1,2,3,4,5,6,7,8,9,10 latent=1,2,3,4,5,6,7,8,9,10 beta=1,2,3,4,5,6,7,8,9,10,11",
                "more than 1000 runs");
    }

    private static void assertBad(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.parse(spec, BASE, TRAINING), spec);
        assertTrue(e.getMessage().startsWith("bad sweep spec: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "'" + spec + "' gave: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
